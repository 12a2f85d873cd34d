// What a request handler sees: the authenticated consumer's socket, its account and subscriptions.
import type { Account } from '../state/accounts';
import type { ConsumerLink, Subscriptions } from '../state/subscriptions';
import type { ResolvedOptions } from '../options';
import type { ParsedRequest } from './frames';

export interface RequestContext {
  link: ConsumerLink;
  account: Account;
  subs: Subscriptions;
  options: ResolvedOptions;
}

export interface Reply {
  type: string;
  body: unknown;
}

export type Handler = (rc: RequestContext, req: ParsedRequest) => Reply;
