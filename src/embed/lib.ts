// The npm library (vite.lib.config.ts → ESM + .d.ts): the same isolated widget as the script tag,
// for sites that bundle their code. React sites use <ParleyChat config={…} />; others createParley().
export { createParley } from './createParley';
export { ParleyChat, type ParleyChatProps } from './ParleyChat';
export type { EmbedConfig, ParleyApi, ParleyEventName, ParleyEvents, ParleyListener, ParleyMessage } from './types';
