// A GWS agent driven from the test process, as Workspace Web Edition signs in (HTTP Basic, then the
// JSESSIONID cookie the request context keeps, plus the CSRF header pair read from a GET), and the
// stand-in's own record of a service's Genesys chats (/agent/api/genesys/chats).
import { expect, type APIRequestContext } from '@playwright/test';
import type { StandInChatView } from '../../server/control-client';

/** A chat as the stand-in records it: the server's own view type. */
export type { StandInChatView as StandInChat } from '../../server/control-client';

export async function standInChats(request: APIRequestContext, service: string): Promise<StandInChatView[]> {
  const r = await request.get(`/agent/api/genesys/chats?service=${encodeURIComponent(service)}`);
  expect(r.status()).toBe(200);
  return (await r.json()) as StandInChatView[];
}

export class GwsAgent {
  private constructor(
    private readonly request: APIRequestContext,
    private readonly csrf: Record<string, string>,
  ) {}

  /** Signs in as `user` (password `parley`): GET /api/v2/me with Basic gives the cookie and the CSRF pair. */
  static async signIn(request: APIRequestContext, user: string): Promise<GwsAgent> {
    const me = await request.get('/api/v2/me', { headers: { authorization: `Basic ${Buffer.from(`${user}:parley`).toString('base64')}` } });
    expect(me.status()).toBe(200);
    const name = me.headers()['x-csrf-header'] ?? 'X-CSRF-TOKEN';
    return new GwsAgent(request, { [name]: me.headers()['x-csrf-token'] ?? '' });
  }

  /** POST /api/v2/me/chats/{id} with an operationName; fails the test unless GWS answers 200. */
  async op(chatId: string, operationName: string, fields: Record<string, unknown> = {}): Promise<void> {
    const r = await this.request.post(`/api/v2/me/chats/${chatId}`, { headers: this.csrf, data: { operationName, ...fields } });
    expect(r.status(), `${operationName}: ${await r.text()}`).toBe(200);
  }
}
