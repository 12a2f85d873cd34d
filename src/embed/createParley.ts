// createParley(config): the embed for bundled sites (the npm library's entry point for non-React code).
import { createEmbed } from './embed';
import type { EmbedConfig, ParleyApi } from './types';

/** The bundled builds cannot guess where the app is: `appUrl` is required (a clear error otherwise). */
export function checkAppUrl(config: EmbedConfig): void {
  if (typeof config?.appUrl !== 'string' || config.appUrl === '') {
    throw new Error('Parley: "appUrl" is required: the URL of frame.html where Parley is hosted.');
  }
}

/**
 * Draws the launcher and returns the widget's API. `config.appUrl` is required here: the URL of
 * Parley's frame.html where the app is hosted (the script tag loader derives it from its own URL).
 */
export function createParley(config: EmbedConfig): ParleyApi {
  checkAppUrl(config);
  return createEmbed(config);
}
