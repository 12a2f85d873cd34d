// The election where the browser has no Web Locks: over the tabs' BroadcastChannel only. A tab that
// hears no leader's beat for FREEZE_MS (or hears the leader say goodbye) claims the lead, listens
// for CLAIM_MS, and leads unless it heard a beat or a claim from a tab with a smaller id meanwhile
// (then it waits for that tab's beats). Should two tabs lead anyway (claims that crossed, a tab that
// thawed), the one with the larger id steps down when it hears the other's beat.
import { browserTimers, createLeadership, electionOf, type Election, type ElectionOptions } from './election';

export const CLAIM_MS = 150;

export function createChannelElection(options: ElectionOptions): Election {
  const timers = options.timers ?? browserTimers;
  const { channel, tabId } = options;
  const me = createLeadership(options, timers);
  let stopped = true;
  /** While claiming: whether a reason to back off came up. */
  let claim: { beaten: boolean } | undefined;
  let claimTimer: unknown;

  const startClaim = () => {
    if (stopped || me.leading || claim) return;
    const mine = { beaten: false };
    claim = mine;
    channel.post({ t: 'claim', from: tabId });
    claimTimer = timers.setTimeout(() => {
      claim = undefined;
      if (stopped || mine.beaten) return;
      me.lead(true);
    }, CLAIM_MS);
  };

  const onQuiet = () => {
    if (!me.leading && me.quiet()) startClaim();
  };

  return electionOf(me, options, timers, {
    onMessage(m) {
      if (m.t === 'beat') {
        if (claim) claim.beaten = true;
        // Two leaders: the larger id steps down.
        if (me.leading && m.from < tabId) me.lead(false);
        if (!me.leading) me.heard(m.from);
      } else if (m.t === 'claim') {
        if (claim && m.from < tabId) claim.beaten = true;
        // A leader answers a claim at once, so that the claimant follows instead.
        if (me.leading) channel.post({ t: 'beat', from: tabId });
      } else if (m.t === 'bye' && m.leader && m.from === me.leaderId) {
        me.reset();
        startClaim();
      }
    },
    onCheck: onQuiet,
    begin() {
      stopped = false;
      // Nobody may lead yet: ask at once (a leader answers the claim with a beat).
      startClaim();
    },
    end() {
      stopped = true;
      timers.clearTimeout(claimTimer);
      claim = undefined;
    },
    // Without a lock there is nothing to ask: a thawed leader steps down when it hears the other's beat.
    confirm: () => Promise.resolve(me.leading),
  });
}
