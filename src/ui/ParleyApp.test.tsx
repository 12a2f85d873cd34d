// @vitest-environment jsdom
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWidget } from './testing/renderWidget';

describe('launcher and window', () => {
  it('names the launcher "Open chat", with the unread count when there is one', async () => {
    const { push } = renderWidget();
    const launcher = screen.getByRole('button', { name: 'Open chat' });
    expect(launcher).toHaveProperty('ariaExpanded', 'false');
    await push({ chat: { unread: 2 } });
    expect(await screen.findByRole('button', { name: 'Open chat, 2 unread' })).toBe(launcher);
    await push({ chat: { unread: 0 } });
    expect(await screen.findByRole('button', { name: 'Open chat' })).toBe(launcher);
  });

  it('opens the "Chat" dialog, sets aria-expanded and moves focus to the composer', async () => {
    const { user } = renderWidget();
    expect(screen.queryByRole('dialog', { name: 'Chat' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Open chat' }));
    expect(screen.getByRole('dialog', { name: 'Chat' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open chat' }).getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
  });

  it('closes on Escape and returns focus to the launcher', async () => {
    const { user } = renderWidget({ open: true });
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Chat' })).toBeNull();
    const launcher = screen.getByRole('button', { name: 'Open chat' });
    expect(document.activeElement).toBe(launcher);
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
  });

  it('tells the session the visitor is viewing only while the window is open in a visible tab', async () => {
    const { session, user } = renderWidget();
    const viewing = () => session.callsOf('setViewing').map((c) => c.viewing);
    expect(viewing()).toEqual([false]);
    await user.click(screen.getByRole('button', { name: 'Open chat' }));
    expect(viewing()).toEqual([false, true]);

    const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState');
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    try {
      act(() => void document.dispatchEvent(new Event('visibilitychange')));
      expect(viewing()).toEqual([false, true, false]);
    } finally {
      if (visibility) Object.defineProperty(document, 'visibilityState', visibility);
      else delete (document as { visibilityState?: unknown }).visibilityState;
    }
    act(() => void document.dispatchEvent(new Event('visibilitychange')));
    expect(viewing()).toEqual([false, true, false, true]);

    await user.click(screen.getByRole('button', { name: 'Close chat' }));
    expect(viewing()).toEqual([false, true, false, true, false]);
  });

  it('unsubscribes from the session when unmounted', async () => {
    const { session, unmount } = renderWidget();
    await waitFor(() => expect(session.listenerCount()).toBe(1));
    unmount();
    expect(session.listenerCount()).toBe(0);
    expect(session.callsOf('setViewing').at(-1)).toEqual({ method: 'setViewing', viewing: false });
  });
});
