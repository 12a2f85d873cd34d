// The bench's probe, added to every frame of a bench page before any of its scripts (Playwright's
// addInitScript). It records, with absolute times (timeOrigin + now, comparable across frames):
// every WebSocket frame sent and received (raw text, parsed later in Node), socket opens, long
// tasks, when rows with a sequence first appear, the most rows in the DOM, the connection status,
// clicks, when the composer first appears, and on demand animation frames. The page's own code is untouched; `window.__bench` is
// read by the bench through string expressions (the pages' CSP forbids eval, not this).
(() => {
  const now = () => performance.timeOrigin + performance.now();
  const b = {
    frames: [],
    opens: [],
    longTasks: [],
    seqSeen: {},
    rowsMax: 0,
    statuses: [],
    clicks: [],
    rafs: [],
    rafOn: false,
  };
  window.__bench = b;
  const Native = window.WebSocket;
  if (Native) {
    class Tapped extends Native {
      constructor(url, protocols) {
        super(url, protocols);
        const socket = b.opens.length;
        b.opens.push({ url: String(url), created: now(), open: undefined });
        this.addEventListener('open', () => (b.opens[socket].open = now()));
        this.addEventListener('message', (e) => b.frames.push({ socket, dir: 'in', at: now(), data: typeof e.data === 'string' ? e.data : '' }));
      }
      send(data) {
        b.frames.push({ socket: b.opens.length - 1, dir: 'out', at: now(), data: typeof data === 'string' ? data : '' });
        return super.send(data);
      }
    }
    window.WebSocket = Tapped;
  }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longTasks.push({ start: performance.timeOrigin + e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    /* no long task timing */
  }
  window.addEventListener('click', () => b.clicks.push(now()), true);
  const watch = (records) => {
    const at = now();
    for (const r of records) {
      if (r.type === 'attributes') {
        if (r.attributeName === 'data-status') b.statuses.push({ at, status: r.target.getAttribute('data-status') });
        continue;
      }
      for (const node of r.addedNodes) {
        if (node.nodeType !== 1) continue;
        const found = node.matches('[data-sequence]') ? [node] : node.querySelectorAll('[data-sequence]');
        for (const el of found) {
          const seq = el.getAttribute('data-sequence');
          if (b.seqSeen[seq] === undefined) b.seqSeen[seq] = at;
        }
        if (b.composerAt === undefined && (node.matches('textarea') || node.querySelector('textarea'))) b.composerAt = at;
        const status = node.matches('[data-status]') ? node : node.querySelector('[data-status]');
        if (status) b.statuses.push({ at, status: status.getAttribute('data-status') });
      }
    }
    const rows = document.querySelectorAll('[data-originator]').length;
    if (rows > b.rowsMax) b.rowsMax = rows;
  };
  // The session's own connection status, as the host page hears it (Parley's public 'connection'
  // event, subscribed through the page's queue before the loader runs): unlike the status line,
  // which waits out a short drop, it says when the widget lost and regained its connection.
  b.connections = [];
  b.waiters = [];
  if (window.top === window && window.Parley === undefined) {
    window.Parley = {
      q: [
        [
          'on',
          'connection',
          (detail) => {
            b.connections.push({ at: now(), status: detail.status });
            b.waiters = b.waiters.filter((check) => !check());
          },
        ],
      ],
    };
  }
  /**
   * In the widget's frame: resolves, without the bench polling the page, once a socket after the
   * first `opens` ones has opened and the session reported online after that: {created, open, ready}.
   */
  b.onlineOnNewSocket = (opens) =>
    new Promise((resolve) => {
      const top = window.top.__bench;
      const check = () => {
        const socket = b.opens[b.opens.length - 1];
        if (b.opens.length <= opens || !socket || socket.open === undefined) return false;
        const online = top.connections.find((c) => c.status === 'online' && c.at >= socket.open);
        if (!online) return false;
        resolve({ created: socket.created, open: socket.open, ready: online.at });
        return true;
      };
      if (!check()) top.waiters.push(check);
    });
  const start = () => new MutationObserver(watch).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
  start();
  b.resetRows = () => {
    b.rowsMax = document.querySelectorAll('[data-originator]').length;
    return b.rowsMax;
  };
  const loop = (t) => {
    if (!b.rafOn) return;
    b.rafs.push(performance.timeOrigin + t);
    requestAnimationFrame(loop);
  };
  b.startFrames = () => {
    b.rafs = [];
    b.rafOn = true;
    requestAnimationFrame(loop);
  };
  b.stopFrames = () => {
    b.rafOn = false;
    return b.rafs;
  };
  /** Scrolls the chat's scroll container up, `step` px per frame, for at most `most` frames (or to the top). */
  b.scrollUp = (step, most) =>
    new Promise((resolve) => {
      const log = document.querySelector('[role="log"]');
      const scroller = log && log.parentElement;
      if (!scroller) return resolve(0);
      let frames = 0;
      const tick = () => {
        frames++;
        scroller.scrollTop = Math.max(0, scroller.scrollTop - step);
        if (scroller.scrollTop <= 0 || frames >= most) resolve(frames);
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  /** What the bench reads: frames since `from` (an index), and the rest. */
  b.read = (from) => ({
    frames: b.frames.slice(from || 0),
    frameCount: b.frames.length,
    opens: b.opens,
    longTasks: b.longTasks,
    seqSeen: b.seqSeen,
    rowsMax: b.rowsMax,
    statuses: b.statuses,
    clicks: b.clicks,
    composerAt: b.composerAt,
    connections: window.top.__bench ? window.top.__bench.connections : [],
    timeOrigin: performance.timeOrigin,
  });
})();
