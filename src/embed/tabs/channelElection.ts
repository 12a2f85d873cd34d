// The election where the browser has no Web Locks: over the tabs' BroadcastChannel only. A tab that
// hears no leader's beat for FREEZE_MS (or hears the leader say goodbye) claims the lead, listens
// for CLAIM_MS, and leads unless it heard a beat or a claim from a tab with a smaller id meanwhile
// (then it waits for that tab's beats). Should two tabs lead anyway (claims that crossed, a tab that
// thawed), the one with the larger id steps down when it hears the other's beat.
import { browserTimers, CHECK_MS, createBeatWatch, HEARTBEAT_MS, type Election, type ElectionOptions } from './election';

export const CLAIM_MS = 150;

export function createChannelElection(options: ElectionOptions): Election {
  const timers = options.timers ?? browserTimers;
  const { channel, tabId } = options;
  const watch = createBeatWatch(timers, (id) => options.onLeader(id));
  let leading = false;
  let stopped = true;
  /** While claiming: whether a reason to back off came up. */
  let claim: { beaten: boolean } | undefined;
  let claimTimer: unknown;
  let beat: unknown;
  let check: unknown;

  const lead = (value: boolean) => {
    if (value === leading) return;
    leading = value;
    timers.clearInterval(beat);
    if (value) {
      watch.set(tabId);
      channel.post({ t: 'beat', from: tabId });
      beat = timers.setInterval(() => channel.post({ t: 'beat', from: tabId }), HEARTBEAT_MS);
    } else watch.set(undefined);
    options.onLeading(value);
  };

  const startClaim = () => {
    if (stopped || leading || claim) return;
    const mine = { beaten: false };
    claim = mine;
    channel.post({ t: 'claim', from: tabId });
    claimTimer = timers.setTimeout(() => {
      claim = undefined;
      if (stopped || mine.beaten) return;
      lead(true);
    }, CLAIM_MS);
  };

  const onQuiet = () => {
    if (!leading && watch.quiet()) startClaim();
  };

  let unlisten = () => {};
  return {
    start() {
      if (!stopped) return;
      stopped = false;
      unlisten = channel.listen((m) => {
        if (m.from === tabId) return;
        if (m.t === 'beat') {
          if (claim) claim.beaten = true;
          // Two leaders: the larger id steps down.
          if (leading && m.from < tabId) lead(false);
          if (!leading) watch.heard(m.from);
        } else if (m.t === 'claim') {
          if (claim && m.from < tabId) claim.beaten = true;
          // A leader answers a claim at once, so that the claimant follows instead.
          if (leading) channel.post({ t: 'beat', from: tabId });
        } else if (m.t === 'bye' && m.leader && m.from === watch.leaderId) {
          watch.set(undefined);
          startClaim();
        }
      });
      watch.set(undefined);
      // Nobody may lead yet: ask at once (a leader answers the claim with a beat).
      startClaim();
      check = timers.setInterval(onQuiet, CHECK_MS);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      unlisten();
      timers.clearInterval(check);
      timers.clearTimeout(claimTimer);
      claim = undefined;
      if (leading) lead(false);
    },
    // Without a lock there is nothing to ask: a thawed leader steps down when it hears the other's beat.
    confirm: () => Promise.resolve(leading),
    get leading() {
      return leading;
    },
    get leaderId() {
      return watch.leaderId;
    },
  };
}
