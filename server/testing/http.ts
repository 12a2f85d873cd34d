// Test helpers for the stand-in's HTTP side: identity and the agent control API over real HTTP,
// through the one control client (server/control-client.ts). These answer with the status and
// body, whatever the status, because the tests check refusals too.
import {
  accountControl,
  controlRequest,
  jsonRequest,
  type AgentView,
  type ControlActionName,
  type ControlActionResults,
  type ConversationDetailView,
  type ConversationSummaryView,
  type FaultState,
  type Settings,
} from '../control-client';

/** What a refused request answers. */
type Refused = { error?: string };

export const call = jsonRequest;

export async function signup(baseUrl: string, account: string): Promise<string> {
  const r = await call<{ jwt: string }>(`${baseUrl}/api/account/${account}/signup`, 'POST');
  if (r.status !== 200) throw new Error(`signup failed: ${r.status}`);
  return r.body.jwt;
}

/** The unauthenticated v3 flow: an external token (`old` refreshes it), exchanged at the connector for a consumer token. */
export async function unauthenticatedV3(baseUrl: string, account: string, old?: string): Promise<{ external: string; token: string }> {
  const base = `${baseUrl}/api/account/${account}`;
  const authorized = await call<{ token: string }>(`${base}/anonymous/authorize`, 'POST', old ? { id_token: old } : {});
  if (authorized.status !== 200) throw new Error(`anonymous/authorize failed: ${authorized.status}`);
  const exchanged = await call<{ token: string }>(`${base}/app/parley-web/authenticate?v=3.0`, 'POST', { id_token: authorized.body.token });
  if (exchanged.status !== 200) throw new Error(`the connector authenticate failed: ${exchanged.status}`);
  return { external: authorized.body.token, token: exchanged.body.token };
}

export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The control API of one account. */
export class Control {
  constructor(
    private readonly baseUrl: string,
    readonly account: string,
  ) {}

  private request<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) {
    return controlRequest<T & Refused>(this.baseUrl, method, `${this.account}/${path}`, body);
  }

  /** The demo agents every account has. */
  async agents(): Promise<{ dana: AgentView; sam: AgentView; morgan: AgentView }> {
    const list = await accountControl(this.baseUrl, this.account).agents();
    const by = (n: string) => list.find((a) => a.nickname === n) as AgentView;
    return { dana: by('Dana'), sam: by('Sam'), morgan: by('Morgan') };
  }

  conversations() {
    return this.request<ConversationSummaryView[]>('GET', 'conversations');
  }

  conversation(id: string) {
    return this.request<ConversationDetailView>('GET', `conversations/${id}`);
  }

  /** Any action, with any body (bad ones included); a known action's answer is typed. */
  act<K extends string>(id: string, action: K, body: unknown = {}) {
    return this.request<K extends ControlActionName ? ControlActionResults[K] : unknown>('POST', `conversations/${id}/${action}`, body);
  }

  settings(patch?: Record<string, unknown>) {
    return patch ? this.request<Settings>('PUT', 'settings', patch) : this.request<Settings>('GET', 'settings');
  }
}

export const faults = {
  set: (baseUrl: string, body: unknown) => controlRequest<FaultState>(baseUrl, 'PUT', 'faults', body),
  clear: (baseUrl: string) => controlRequest<FaultState>(baseUrl, 'DELETE', 'faults'),
  get: (baseUrl: string) => controlRequest<FaultState>(baseUrl, 'GET', 'faults'),
  drop: (baseUrl: string, body: unknown = {}) => controlRequest<{ dropped: number }>(baseUrl, 'POST', 'faults/drop', body),
  blackhole: (baseUrl: string) => controlRequest<{ silenced: number }>(baseUrl, 'POST', 'faults/blackhole', {}),
  expireTokens: (baseUrl: string) => controlRequest<{ closed: number }>(baseUrl, 'POST', 'faults/expire-tokens'),
};

