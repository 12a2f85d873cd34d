// The state of one running stand-in: accounts, tokens, faults, sockets and timers.
import type { ResolvedOptions } from './options';
import { Faults } from './faults';
import { Timers } from './timers';
import { Tokens } from './tokens';
import { Registry } from './state/accounts';
import { runAutoReceipts } from './state/autoReceipts';
import { Subscriptions } from './state/subscriptions';
import { runSurveyBot } from './state/survey';
import { runWelcome } from './state/welcome';
import { openSwift } from './state/swift';
import type { ConsumerConnection } from './ws/connection';

export class StandInContext {
  readonly registry = new Registry();
  readonly faults = new Faults();
  readonly timers = new Timers();
  readonly connections = new Set<ConsumerConnection>();
  readonly tokens: Tokens;
  /** http://127.0.0.1:PORT once listening. */
  baseUrl = '';
  /** 127.0.0.1:TLS_PORT when it also listens with TLS. */
  tlsHost: string | undefined;
  private readonly subs = new Map<string, Subscriptions>();

  constructor(readonly options: ResolvedOptions) {
    this.tokens = new Tokens(options.tokenLifetimeSec, () => this.baseUrl, {
      lifetimeSec: options.externalTokenLifetimeSec,
      refreshWindowSec: options.externalRefreshWindowSec,
    });
    this.registry.onAccount((a) => {
      // Order matters: consumers see an event before the bots react to it.
      this.subs.set(a.id, new Subscriptions(a));
      runSurveyBot(a);
      runWelcome(a);
      runAutoReceipts(a, this.timers);
      openSwift(a, options.swiftTtlMs);
    });
  }

  subscriptionsOf(accountId: string): Subscriptions {
    this.registry.get(accountId);
    return this.subs.get(accountId) as Subscriptions;
  }

  get host(): string {
    return this.baseUrl.replace(/^https?:\/\//, '');
  }
}
