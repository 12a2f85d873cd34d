// Test helpers for the stand-in's HTTP side: identity and the agent control API over real HTTP.
export interface HttpResult<T = unknown> {
  status: number;
  body: T;
}

export async function call<T = unknown>(url: string, method = 'GET', body?: unknown): Promise<HttpResult<T>> {
  const res = await fetch(url, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export async function signup(baseUrl: string, account: string): Promise<string> {
  const r = await call<{ jwt: string }>(`${baseUrl}/api/account/${account}/signup`, 'POST');
  if (r.status !== 200) throw new Error(`signup failed: ${r.status}`);
  return r.body.jwt;
}

export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

export interface AgentInfo {
  id: string;
  nickname: string;
  role: string;
}

/** The control API of one account. */
export class Control {
  constructor(
    private readonly baseUrl: string,
    readonly account: string,
  ) {}

  private url(path: string) {
    return `${this.baseUrl}/agent/api/${this.account}${path}`;
  }

  async agents(): Promise<{ dana: AgentInfo; sam: AgentInfo; morgan: AgentInfo }> {
    const list = (await call<AgentInfo[]>(this.url('/agents'))).body;
    const by = (n: string) => list.find((a) => a.nickname === n) as AgentInfo;
    return { dana: by('Dana'), sam: by('Sam'), morgan: by('Morgan') };
  }

  conversations() {
    return call<Array<Record<string, unknown>>>(this.url('/conversations'));
  }

  conversation(id: string) {
    return call<Record<string, unknown>>(this.url(`/conversations/${id}`));
  }

  act<T = Record<string, unknown>>(id: string, action: string, body: unknown = {}) {
    return call<T>(this.url(`/conversations/${id}/${action}`), 'POST', body);
  }

  settings(patch?: Record<string, unknown>) {
    return patch ? call(this.url('/settings'), 'PUT', patch) : call(this.url('/settings'));
  }
}

export const faults = {
  set: (baseUrl: string, body: unknown) => call(`${baseUrl}/agent/api/faults`, 'PUT', body),
  clear: (baseUrl: string) => call(`${baseUrl}/agent/api/faults`, 'DELETE'),
  get: (baseUrl: string) => call<{ counters: Record<string, number> }>(`${baseUrl}/agent/api/faults`),
  drop: (baseUrl: string, body: unknown = {}) => call(`${baseUrl}/agent/api/faults/drop`, 'POST', body),
  expireTokens: (baseUrl: string) => call(`${baseUrl}/agent/api/faults/expire-tokens`, 'POST'),
};
