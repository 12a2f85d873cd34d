// The script tag loader as a website uses it: data attributes or window.parleyConfig, the app
// loaded on intent (or when idle with load: 'idle'), the returning visitor's connection check and
// attention cues, calls queued before it loaded, the typed API and its events.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

/** Serves a host page with exactly this body at /host/<name>.html (the loader is the real one). */
async function hostPage(page: Page, name: string, body: string) {
  await page.route(`**/host/${name}.html`, (route) =>
    route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title></head><body>${body}</body></html>` }),
  );
  await page.goto(`/host/${name}.html`);
}

const frames = (page: Page) => page.locator('parley-widget iframe');

/** What the page fetched (paths, the page itself included; no favicon) and the sockets it opened. */
function traffic(page: Page) {
  const seen = { requests: [] as string[], sockets: [] as string[] };
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path !== '/favicon.ico') seen.requests.push(path);
  });
  page.on('websocket', (ws) => seen.sockets.push(ws.url()));
  return seen;
}

test('a new visitor costs the loader and nothing else until intent: no host side, no app, no signup, no socket', async ({ page, control, widget: w, baseURL }) => {
  const seen = traffic(page);
  // The default: no data-load.
  await hostPage(page, 'intent', `<p>Shop</p><script async src="/parley.js" data-account="${control.account}" data-csds="${baseURL}"></script>`);
  await expect(w.launcher).toBeVisible();
  await expect(w.launcher).toHaveAttribute('aria-expanded', 'false');
  // Idle comes and goes: still nothing but the page and the loader.
  await page.waitForTimeout(2500);
  expect(seen.requests).toEqual(['/host/intent.html', '/parley.js']);
  expect(seen.sockets).toEqual([]);
  await expect(frames(page)).toHaveCount(0);
  expect(await control.conversations()).toEqual([]);
  // Intent (a hover) brings the host side and the app, hidden until the click.
  await w.launcher.hover();
  await expect(frames(page)).toHaveCount(1);
  await expect(frames(page)).toBeHidden();
  expect(seen.requests).toContain('/parley-host.js');
  expect(seen.requests).toContain('/frame.html');
  await w.open();
  await w.send('hello from the snippet');
  await expect(w.receiptOf('hello from the snippet')).toHaveAttribute('data-receipt', 'sent');
  expect((await control.onlyConversation()).queue).toBe('waiting');
});

test('a returning visitor with an open conversation: badge, title and preview from the connection check, without the app', async ({ page, control, widget: w, baseURL, chat }) => {
  const snippet = `<p>Shop</p><script async src="/parley.js" data-account="${control.account}" data-csds="${baseURL}"></script>`;
  const { c, dana } = await test.step('a first page view: the visitor chats, then closes the window', async () => {
    await hostPage(page, 'shop', snippet);
    await w.open();
    const { conversation: c, agent: dana } = await chat.danaAnswersInOpenWindow('do you ship to Norway?', 'let me check');
    await w.dialog.getByRole('button', { name: 'Close chat' }).click();
    await expect(w.dialog).toBeHidden();
    return { c, dana };
  });

  const seen = traffic(page);
  await test.step('the next page view: the check, not the app, shows what Dana wrote meanwhile', async () => {
    await page.goto('/host/shop.html');
    await expect(page).toHaveTitle('shop');
    await control.say(c.id, dana.id, 'yes, we ship to Norway');
    await expect(page.getByRole('button', { name: 'Open chat, 1 unread' })).toBeVisible();
    await expect(page).toHaveTitle('(1) shop');
    const preview = page.locator('parley-widget aside');
    await expect(preview).toBeVisible();
    await expect(preview).toContainText('yes, we ship to Norway');
    await expect(preview.locator('b')).toHaveText('Dana');
    // Nothing moves: no animation, no transition (prefers-reduced-motion holds).
    expect(await preview.evaluate((el) => [el.getAnimations().length, getComputedStyle(el).transitionDuration])).toEqual([0, '0s']);
    // The check: one socket, no React app, no signup.
    expect(seen.requests).toContain('/check.html');
    expect(seen.requests.filter((p) => p === '/frame.html' || /FrameWindow|\/frame-/.test(p) || p.endsWith('/signup'))).toEqual([]);
    expect(seen.sockets).toHaveLength(1);
    await expect(frames(page)).toHaveCount(1);
    await expect(frames(page)).toBeHidden();
  });

  await test.step('dismissed, the preview stays away until the next message; the badge and the title count on', async () => {
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.locator('parley-widget aside')).toBeHidden();
    await control.say(c.id, dana.id, 'shipping takes <b>3</b> days');
    await expect(page.getByRole('button', { name: 'Open chat, 2 unread' })).toBeVisible();
    await expect(page).toHaveTitle('(2) shop');
    // Said by the launcher's live region too, as the app would.
    await expect(page.locator('parley-widget [aria-live="polite"]')).toHaveText('New message from Dana: shipping takes <b>3</b> days');
    // Text, never HTML.
    await expect(page.locator('parley-widget aside')).toContainText('shipping takes <b>3</b> days');
  });

  await test.step('intent loads the window; reading restores the title', async () => {
    await w.open();
    await expect(w.agentMessage('shipping takes <b>3</b> days')).toBeVisible();
    await expect(page).toHaveTitle('shop');
    await expect(page.locator('parley-widget aside')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Close chat' })).toBeVisible();
    expect(seen.requests.filter((p) => p.endsWith('/signup'))).toEqual([]);
  });

  await test.step('the conversation ends while the visitor is away: the check says so, and the page view after costs only the loader', async () => {
    await page.getByRole('button', { name: 'Close chat' }).click();
    await page.goto('about:blank');
    await control.close(c.id);
    await page.goto('/host/shop.html');
    await expect(frames(page)).toHaveCount(1);
    // The check found no open conversation: its iframe stays, silent; the flag is gone.
    await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), `parley:hint:${control.account}`)).toBeNull();
    const after = traffic(page);
    await page.goto('/host/shop.html');
    await expect(w.launcher).toBeVisible();
    await page.waitForTimeout(2500);
    expect(after.requests).toEqual(['/host/shop.html', '/parley.js']);
    expect(after.sockets).toEqual([]);
  });
});

test("window.parleyConfig with load: 'idle': the app loads when the page is idle", async ({ page, control, widget: w, baseURL }) => {
  await page.addInitScript(([account, csds]) => {
    (window as unknown as { parleyConfig: object }).parleyConfig = { account, csds, load: 'idle' };
  }, [control.account, baseURL!] as const);
  await hostPage(page, 'idle', '<script async src="/parley.js"></script>');
  await expect(frames(page)).toHaveCount(1);
  // The app runs before the window opens: an agent message shows as unread on the launcher.
  await w.open();
  await w.send('first');
  await expect(w.receiptOf('first')).toHaveAttribute('data-receipt', 'sent');
  await w.dialog.getByRole('button', { name: 'Close chat' }).click();
  await expect(w.launcher).toBeFocused();
  const { conversation: c, agent: dana } = await control.acceptOnly('Dana');
  await control.say(c.id, dana.id, 'are you there?');
  await expect(page.getByRole('button', { name: 'Open chat, 1 unread' })).toBeVisible();
});

test("the first load fetches no window code: it comes on intent, and a click while it loads shows a placeholder", async ({ page, control, widget: w, baseURL }) => {
  const windowCode: string[] = [];
  page.on('request', (r) => {
    if (/\/assets\/FrameWindow-[^/]+\.(js|css)$/.test(new URL(r.url()).pathname)) windowCode.push(r.url());
  });
  await page.addInitScript(() => {
    const statuses: string[] = [];
    (window as unknown as { statuses: string[] }).statuses = statuses;
    (window as unknown as { Parley: object }).Parley = { q: [['on', 'connection', (d: { status: string }) => statuses.push(d.status)]] };
  });
  await hostPage(page, 'lazy', `<script async src="/parley.js" data-account="${control.account}" data-csds="${baseURL}" data-load="idle"></script>`);
  // Loaded when idle, the app connects (the host hears it) without fetching the window's code.
  await expect.poll(() => page.evaluate(() => (window as unknown as { statuses: string[] }).statuses)).toContain('online');
  await page.waitForTimeout(1000);
  expect(windowCode).toEqual([]);

  // A slow network: the click comes before the code; a placeholder holds the window's place.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/FrameWindow-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await w.launcher.hover();
  await expect.poll(() => windowCode.length).toBeGreaterThan(0);
  await w.launcher.click();
  await expect(w.frame.locator('.parley-placeholder')).toBeVisible();
  release();
  await expect(w.dialog).toBeVisible();
  await expect(w.frame.locator('.parley-placeholder')).toHaveCount(0);
  await expect(w.composer).toBeFocused();
});

test('calls made before the app loaded are queued; the API reports events', async ({ page, control, widget: w, baseURL, chat }) => {
  await test.step('calls made before the app loaded wait for it', async () => {
    await page.addInitScript(() => {
      const seen: unknown[] = [];
      (window as unknown as { seen: unknown[] }).seen = seen;
      // The frame's posts of public API events, and how many events each carried.
      const posts: number[] = [];
      (window as unknown as { eventPosts: number[] }).eventPosts = posts;
      window.addEventListener('message', (e) => {
        const data = e.data as { type?: unknown; events?: unknown };
        if (data?.type === 'events' && Array.isArray(data.events)) posts.push(data.events.length);
      });
      // A page's stub queue, filled before the loader arrives.
      (window as unknown as { Parley: object }).Parley = { q: [['on', 'connection', (d: unknown) => seen.push(['connection', d])]] };
    });
    await hostPage(
      page,
      'api',
      `<script async src="/parley.js" data-account="${control.account}" data-csds="${baseURL}" data-load="intent"></script>`,
    );
    await expect(w.launcher).toBeVisible();
    // The app is not loaded (intent only); these calls wait for it.
    await page.evaluate(() => {
      const P = (window as unknown as { Parley: import('../src/embed/types').ParleyApi }).Parley;
      const seen = (window as unknown as { seen: unknown[] }).seen;
      for (const name of ['message', 'agentJoined', 'receipt', 'conversationEnded'] as const) P.on(name, (d) => seen.push([name, d]));
      P.on('message', () => {
        throw new Error('a failing host listener');
      });
      P.open();
    });
    await expect(w.dialog).toBeVisible();
    await expect(w.composer).toBeFocused();
  });

  const dana = await test.step('a conversation: sent, the agent joins, answers 300 times at once and closes', async () => {
    const { conversation: c, agent: dana } = await chat.danaAnswersInOpenWindow('queued hello', 'hi from Dana');
    const posts = async () => (await page.evaluate(() => (window as unknown as { eventPosts: number[] }).eventPosts)).length;
    const before = await posts();
    // One notification of 300 messages: the website hears 300 events, from a single post.
    await control.bulk(c.id, dana.id, 300, 'Bulk');
    await expect(w.log.getByText('Bulk 300', { exact: true })).toBeVisible();
    expect(await posts()).toBe(before + 1);
    await control.close(c.id);
    await expect(w.log.getByText(/ended/i)).toBeVisible();
    return dana;
  });

  await test.step('the API reported its events', async () => {
    const seen = (await page.evaluate(() => (window as unknown as { seen: Array<[string, Record<string, unknown>]> }).seen)) as Array<
      [string, Record<string, unknown>]
    >;
    const names = seen.map(([n]) => n);
    expect(names).toContain('connection');
    expect(seen.filter(([n, d]) => n === 'connection' && d.status === 'online').length).toBeGreaterThan(0);
    const texts = seen.filter(([n]) => n === 'message').map(([, d]) => [d.originator, d.text]);
    expect(texts).toEqual([
      ['consumer', 'queued hello'],
      ['agent', 'hi from Dana'],
      ...Array.from({ length: 300 }, (_, i) => ['agent', `Bulk ${i + 1}`]),
    ]);
    expect(seen.find(([n, d]) => n === 'receipt' && d.status === 'sent')).toBeTruthy();
    // agentJoined waits for the agent's profile, so it carries the name.
    expect(seen.filter(([n]) => n === 'agentJoined').map(([, d]) => d)).toEqual([{ participantId: dana.id, name: 'Dana' }]);
    expect(seen.filter(([n]) => n === 'conversationEnded').map(([, d]) => d)).toEqual([{ by: 'agent' }]);
  });

  await test.step('Escape closes and returns focus to the launcher; close() and open() drive the window', async () => {
    await w.composer.press('Escape');
    await expect(w.dialog).toBeHidden();
    await expect(w.launcher).toBeFocused();
    await page.evaluate(() => (window as unknown as { Parley: { open(): void } }).Parley.open());
    await expect(w.dialog).toBeVisible();
    await page.evaluate(() => (window as unknown as { Parley: { close(): void } }).Parley.close());
    await expect(w.dialog).toBeHidden();
  });

  await test.step('bad input gets a clear error', async () => {
    const errors = await page.evaluate(() => {
      const P = (window as unknown as { Parley: Record<string, (...a: unknown[]) => void> }).Parley;
      const out: string[] = [];
      for (const call of [() => P.on!('mesage', () => {}), () => P.on!('message', 'nope'), () => P.setJwt!('')]) {
        try {
          call();
        } catch (e) {
          out.push((e as Error).message);
        }
      }
      return out;
    });
    expect(errors).toEqual(['Parley.on: unknown event "mesage"', 'Parley.on: listener must be a function', 'Parley.setJwt: expected a non-empty string']);
  });

  await test.step('destroy() removes everything', async () => {
    await page.evaluate(() => (window as unknown as { Parley: { destroy(): void } }).Parley.destroy());
    await expect(page.locator('parley-widget')).toHaveCount(0);
  });
});

test('setJwt: an anonymous visitor who logs in continues as the authenticated consumer', async ({ page, control, widget: w, request, baseURL }) => {
  await hostPage(page, 'jwt', `<script async src="/parley.js" data-account="${control.account}" data-csds="${baseURL}" data-open="true"></script>`);
  await w.send('as a guest');
  await expect(w.receiptOf('as a guest')).toHaveAttribute('data-receipt', 'sent');
  const guest = (await control.onlyConversation()).consumerId;
  const res = await request.post(`/api/account/${control.account}/authenticate`, { data: { authCode: 'customer-42' } });
  const { jwt } = (await res.json()) as { jwt: string };
  await page.evaluate((token) => (window as unknown as { Parley: { setJwt(t: string): void } }).Parley.setJwt(token), jwt);
  await expect(w.mine('as a guest')).toHaveCount(0);
  await w.send('as customer 42');
  await expect(w.receiptOf('as customer 42')).toHaveAttribute('data-receipt', 'sent');
  const consumers = new Set((await control.conversations()).map((c) => c.consumerId));
  expect(consumers.size).toBe(2);
  expect(consumers.has(guest)).toBe(true);
});

test('an SPA route change: destroy() removes window.Parley, the script added again brings a working widget', async ({ page, control, widget: w, baseURL, chat }) => {
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
  });
  const addScript = (account: string, csds: string) =>
    page.evaluate(([a, c]) => {
      const script = document.createElement('script');
      script.src = '/parley.js';
      script.dataset.account = a!;
      script.dataset.csds = c!;
      document.body.append(script);
    }, [account, csds]);
  await hostPage(page, 'spa', '<main><h1>Page one</h1></main>');
  await addScript(control.account, baseURL!);
  await expect(w.launcher).toBeVisible();
  await page.evaluate(() => (window as unknown as { Parley: { destroy(): void } }).Parley.destroy());
  await expect(page.locator('parley-widget')).toHaveCount(0);
  expect(await page.evaluate(() => 'Parley' in window)).toBe(false);

  // The next route adds the script again: a new widget takes over, and the chat works.
  await addScript(control.account, baseURL!);
  await expect(page.locator('parley-widget')).toHaveCount(1);
  await w.open();
  await chat.danaAnswersInOpenWindow('after the route change', 'welcome back');
  expect(warnings.filter((t) => /loaded twice/.test(t))).toEqual([]);
});
