// docs/benchmarks.md: how the figures were measured, when and under what load, and the table.
import { resultsTable, type Figure } from './stats';

export interface BenchReport {
  figures: readonly Figure[];
  runs: number;
  /** ISO time of the run. */
  when: string;
  /** The machine's load averages (1, 5, 15 min) at the end of the run. */
  load: string;
  cpus: number;
}

export function benchmarksPage({ figures, runs, when, load, cpus }: BenchReport): string {
  return `# Benchmarks

Written by \`npm run bench\` (bench/run.ts; do not edit by hand). Measured in Chromium against the
stand-in, next to a *floor*: a minimal page that opens the same socket, sends the same subscribe
requests Parley sent (read from the socket) in one flight, and only parses the frames. Each figure
is the median of ${runs} run${runs === 1 ? '' : 's'}, with the min and max in brackets; "×floor" is the
median over the floor's median. "before" is what issues 9 and 13 state as measured before this work (taken
from the issue's text, not re-measured here); "after" is this run.

Measured ${when} on ${cpus} CPUs, load average ${load} (1, 5, 15 min) at the end: ${
    Number(load.split(',')[0]) > cpus / 2 ? 'a busy machine, so the times are noisy (CPU and wall times are high, counts are exact)' : 'a quiet machine'
  }.

${resultsTable(figures)}

## What each figure is

- **Resync**: with 1,000 closed conversations and an open one of 1,000 events, every socket is
  dropped (the stand-in's \`faults/drop\`); from the new socket's open to the session reporting
  online (Parley's public \`connection\` event: the resubscribe finished; the status line shows
  nothing for a drop shorter than 2 s). CPU: the renderer's main-thread task time (CDP
  Performance metrics) from the drop to ready, which includes handling the close and the reconnect;
  the floor's is from its socket's creation to ready. Both are awaited in the page, never polled
  (a poll costs the page's main thread too). Round trips: the longest chain of requests where
  one was sent after another's answer arrived.
- **First load**: the same visitor reloads with the window open: from navigation to the last
  message shown and the status online.
- **Burst**: 1,000 agent messages as 1,000 notifications in about 1 s: from the first notification's
  arrival to the last message shown; main-thread work over that time; long tasks over 50 ms;
  receipt requests (ACCEPT and READ publishes) the widget sent for them.
- **10,000-message arrival**: a returning visitor whose open conversation holds 10,000 messages:
  from socket open to the last message shown; the most message rows in the DOM during arrival;
  then a scroll from the bottom to the top: long tasks and dropped frames (frames late by more
  than one 60 Hz interval).
- **Bytes**: a fresh browser (no cache): transferred before any intent (the page loaded, 3 s idle),
  and up to the window open and connected; "JS+CSS gz" is the gzip size of the scripts and styles
  fetched (as size-limit counts), since the stand-in does not compress.
- **Composer**: from the click on the launcher to the composer shown and the connection online, at
  1× and with the CPU throttled 4× (CDP Emulation.setCPUThrottlingRate).
- **Storm**: 1,000 headless sessions (raw sockets in Node, each with an open conversation) all
  dropped at once; from the drop until every one has reconnected and its resubscribe was answered;
  errors; the stand-in's resident memory at the end and at its peak.
- **Tabs**: 1, 3 and 10 pages of one browser context on the widget, over one scripted conversation
  (the first tab writes, the others open, Dana accepts and sends 5 messages that every tab shows,
  then 12 s pass): the consumer sockets the stand-in accepted and the frames it received and sent
  (its own counters, \`GET /agent/api/faults\`), and the slowest later tab's navigation until it
  shows the conversation. "before" is issue 13's: every tab opened its own socket.
- **Offline**: with the window open and Dana in the conversation, the browser context goes offline
  (CDP network emulation, which fires the pages' offline event): until the status line says "You're
  offline". The visitor writes a message; 1 s later the network is back (the online event): until
  the connection is ready again (resubscribed: the session reports online) and until that
  message's publish is answered by the stand-in. "before" is issue 13's (noticed after about 9 s, recovered in 5 to 12 s).
- **Silent loss**: then the socket dies without any offline event or close (the stand-in's
  \`faults/blackhole\`: it reads and sends nothing more on it) and the visitor writes at once: until
  the widget notices (the session reports reconnecting), from then until it is ready on a new
  socket, and from the silence until that message is stored.
`;
}
