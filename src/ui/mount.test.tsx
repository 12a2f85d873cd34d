// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { mountParley } from './mount';
import type { MountedParley } from './mount';
import { createFakeSession } from './testing/fakeSession';

const mounted: MountedParley[] = [];
afterEach(() => {
  for (const m of mounted.splice(0)) act(() => m.unmount());
  document.body.replaceChildren();
});

function host(): HTMLElement {
  const element = document.createElement('div');
  document.body.append(element);
  return element;
}

describe('mountParley', () => {
  it('starts the session, renders the widget, and stops the session on unmount (once)', async () => {
    const session = createFakeSession();
    const element = host();
    let widget!: MountedParley;
    await act(async () => {
      widget = mountParley(element, session, { open: true, lang: 'de-CH' });
    });
    expect(session.callsOf('start')).toHaveLength(1);
    expect(within(element).getByRole('dialog', { name: 'Chat' })).toBeTruthy();
    // English texts are marked English, whatever the visitor's language (no other catalogue yet).
    expect(element.querySelector('.parley')?.getAttribute('lang')).toBe('en');
    act(() => widget.unmount());
    act(() => widget.unmount());
    expect(session.callsOf('stop')).toHaveLength(1);
    expect(session.listenerCount()).toBe(0);
    expect(element.childElementCount).toBe(0);
  });

  it('keeps two widgets on one page apart (each has its own cache)', async () => {
    const first = createFakeSession();
    const second = createFakeSession();
    await act(async () => {
      mounted.push(mountParley(host(), first), mountParley(host(), second));
    });
    await act(async () => {
      first.push({ chat: { unread: 3 } });
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(screen.getAllByRole('button', { name: /^Open chat/ }).map((b) => b.getAttribute('aria-label'))).toEqual([
      'Open chat, 3 unread',
      'Open chat',
    ]);
  });
});
