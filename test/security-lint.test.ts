// The lint step rejects every way of running or injecting server data as code or markup
// (docs/security.md): this runs the repository's ESLint configuration on small probes.
import { describe, expect, it } from 'vitest';
import { lintProbe } from './lint-probe';

async function ruleHits(code: string): Promise<string[]> {
  return (await lintProbe('src/ui/probe.tsx', code)).filter((m) => m.severity === 2).map((m) => m.ruleId ?? 'parse');
}

describe('security lint rules', () => {
  it.each([
    ['dangerouslySetInnerHTML in JSX', 'export const A = ({ h }: { h: string }) => <div dangerouslySetInnerHTML={{ __html: h }} />;', 'no-restricted-syntax'],
    ['dangerouslySetInnerHTML as a prop object', "import { createElement } from 'react';\nexport const a = (h: string) => createElement('div', { dangerouslySetInnerHTML: { __html: h } });", 'no-restricted-syntax'],
    ['innerHTML', 'export function f(e: HTMLElement, h: string) { e.innerHTML = h; }', 'no-restricted-syntax'],
    ['computed outerHTML', "export function f(e: HTMLElement, h: string) { e['outerHTML'] = h; }", 'no-restricted-syntax'],
    ['insertAdjacentHTML', "export function f(e: HTMLElement, h: string) { e.insertAdjacentHTML('beforeend', h); }", 'no-restricted-syntax'],
    ['document.write', 'export function f(h: string) { document.write(h); }', 'no-restricted-syntax'],
    ['eval', 'export function f(h: string) { return eval(h); }', 'no-eval'],
    ['new Function', "export function f(h: string) { return new Function(h); }", 'no-new-func'],
    ['string setTimeout', "export function f() { setTimeout('go()', 1); }", 'no-implied-eval'],
  ])('rejects %s', async (_name, code, rule) => {
    expect(await ruleHits(code)).toContain(rule);
  }, 30_000);

  it('accepts rendering server text as React text and textContent', async () => {
    expect(await ruleHits("export const A = ({ t }: { t: string }) => <p>{t}</p>;\nexport function f(e: HTMLElement, t: string) { e.textContent = t; }")).toEqual([]);
  }, 30_000);
});
