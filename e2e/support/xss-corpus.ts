// The XSS corpus every text slot is tested with (e2e/xss.spec.ts for LivePerson,
// e2e/genesys-widget.spec.ts for Genesys), and the trap that catches a vector that runs.
import type { Page } from '@playwright/test';

export const VECTORS = [
  '<script>__xss(1)</script>',
  '<img src=x onerror=__xss(2)>',
  '<svg onload=__xss(3)>',
  '"><script>__xss(4)</script>',
  'javascript:__xss(5)',
  '<a href="javascript:__xss(6)">click me</a>',
  '<iframe src="javascript:__xss(7)"></iframe>',
  '<body onload=__xss(8)>',
  '<details open ontoggle=__xss(9)>',
  "{{constructor.constructor('__xss(10)')()}}",
  '<math><mtext><table><mglyph><style><img src=x onerror=__xss(11)>',
  'data:text/html,<script>__xss(12)</script>',
  'vbscript:__xss(13)',
  "<style>@import 'javascript:__xss(14)';</style>",
  "';__xss(15);//",
  '<input autofocus onfocus=__xss(16)>',
  '<video><source onerror=__xss(17)></video>',
  '<object data="javascript:__xss(18)"></object>',
  'https://example.com/"onmouseover="__xss(19)"',
  '<a href=" javas&#99;ript:__xss(20)">x</a>',
  '<img src="x" onerror="alert(21)">',
  '<svg><animate onbegin=__xss(22) attributeName=x dur=1s>',
  '<form><button formaction=javascript:__xss(23)>go</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:__xss(24)">',
] as const;

/** Installs the trap in every frame; returns what fired (trap calls, dialogs, page errors). */
export async function installTrap(page: Page): Promise<string[]> {
  const fired: string[] = [];
  await page.addInitScript(() => {
    const w = window as unknown as { __xss(n: unknown): void };
    w.__xss = (n) => console.error(`XSS-FIRED ${String(n)} in ${location.pathname}`);
  });
  page.on('console', (m) => {
    if (m.text().includes('XSS-FIRED')) fired.push(m.text());
  });
  page.on('dialog', (d) => {
    fired.push(`dialog ${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => fired.push(`pageerror: ${e.message}`));
  return fired;
}
