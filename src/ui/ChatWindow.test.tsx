// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RECONNECT_GRACE_MS } from './ConnectionBar';
import { rows } from './testing/fakeSession';
import { renderWidget } from './testing/renderWidget';
import { sessionError } from '../core/session';

const names = { 'agent-1': 'Dana' };

describe('chat window', () => {
  it('shows who is typing, with the "Agent" fallback name', async () => {
    const { push } = renderWidget({ open: true, chat: { names } });
    expect(screen.queryByText(/is typing/)).toBeNull();
    await push({ chat: { agentTyping: { participantId: 'agent-1' } } });
    expect(screen.getByText('Dana is typing…')).toBeTruthy();
    await push({ chat: { agentTyping: { participantId: 'agent-2' } } });
    expect(screen.getByText('Agent is typing…')).toBeTruthy();
    await push({ chat: { agentTyping: undefined } });
    expect(screen.queryByText(/is typing/)).toBeNull();
  });

  it('shows "Reconnecting…" as a status while the composer stays usable', async () => {
    const { session, user, push } = renderWidget({ open: true, connection: { status: 'reconnecting' } });
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('Reconnecting…');
    await user.keyboard('still here{Enter}');
    expect(session.callsOf('send')).toEqual([{ method: 'send', text: 'still here' }]);
    await push({ connection: { status: 'online' } });
    expect(status.textContent).toBe('');
  });

  describe('after online, a drop shows only once it lasted RECONNECT_GRACE_MS', () => {
    beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
    afterEach(() => vi.useRealTimers());
    const wait = (ms: number) => act(() => vi.advanceTimersByTime(ms));

    it('a reconnect within it changes nothing on screen', async () => {
      const { push } = renderWidget({ open: true, connection: { status: 'online' } });
      const status = screen.getByRole('status');
      const changes: MutationRecord[] = [];
      const watching = new MutationObserver((records) => changes.push(...records));
      watching.observe(status, { subtree: true, childList: true, attributes: true, characterData: true });
      await push({ connection: { status: 'reconnecting' } });
      await wait(RECONNECT_GRACE_MS / 2);
      await push({ connection: { status: 'connecting' } });
      await wait(RECONNECT_GRACE_MS / 2 - 1);
      await push({ connection: { status: 'online' } });
      await wait(RECONNECT_GRACE_MS);
      watching.disconnect();
      expect(changes).toEqual([]);
      expect(status.textContent).toBe('');
      expect(status.getAttribute('data-status')).toBe('online');
    });

    it('counted from the drop, not from each retry; then it says so until online', async () => {
      const { push } = renderWidget({ open: true, connection: { status: 'online' } });
      const status = screen.getByRole('status');
      await push({ connection: { status: 'reconnecting' } });
      await wait(RECONNECT_GRACE_MS - 500);
      await push({ connection: { status: 'connecting' } });
      await push({ connection: { status: 'reconnecting' } });
      await wait(499);
      expect(status.textContent).toBe('');
      await wait(1);
      expect(status.textContent).toBe('Reconnecting…');
      expect(status.getAttribute('data-status')).toBe('reconnecting');
      await push({ connection: { status: 'online' } });
      expect(status.textContent).toBe('');
      await push({ connection: { status: 'reconnecting' } }); // the next drop has its own grace
      expect(status.textContent).toBe('');
    });

    it('an error shows at once', async () => {
      const { push } = renderWidget({ open: true, connection: { status: 'online' } });
      await push({ connection: { status: 'reconnecting' } });
      await push({ connection: { status: 'error', error: 'refused', errorKind: 'signIn' } });
      expect(screen.getByRole('status').getAttribute('data-status')).toBe('error');
    });
  });

  it('shows a connection error from the catalogue (never the session\'s English) and a Retry that restarts the session', async () => {
    const { session, user, push } = renderWidget({ open: true });
    await push({ connection: { status: 'error', error: 'Could not sign in (English, for logs)', errorKind: 'signIn' } });
    const status = screen.getByRole('status');
    expect(within(status).getByText('Could not sign in to the chat service. Please try again later.')).toBeTruthy();
    expect(status.textContent).not.toContain('for logs');
    await push({ connection: { status: 'error', error: 'Something new' } });
    expect(within(status).getByText('Could not connect')).toBeTruthy();
    await user.click(within(status).getByRole('button', { name: 'Retry' }));
    expect(session.callsOf('start')).toHaveLength(1);
  });

  it('names the agent in the header once one is assigned', async () => {
    const { push } = renderWidget({ open: true, chat: { names } });
    const dialog = screen.getByRole('dialog', { name: 'Chat' });
    expect(within(dialog).getByRole('heading').textContent).toBe('Chat with us');
    await push({ chat: { stage: 'open', agent: { participantId: 'agent-1' } } });
    expect(within(dialog).getByRole('heading').textContent).toBe('Dana');
  });

  it('ends the conversation only after confirmation', async () => {
    const { session, user, push } = renderWidget({ open: true, chat: { stage: 'none' } });
    expect(screen.queryByRole('button', { name: 'End conversation' })).toBeNull();
    await push({ chat: { stage: 'open' } });
    await user.click(screen.getByRole('button', { name: 'End conversation' }));
    // The confirmation is a lazy part (lazyPart.tsx): it shows once its code arrived.
    const confirm = await screen.findByRole('alertdialog', { name: 'End this conversation?' });
    // Focus moves to Cancel in the part's effect, which may run a tick after it shows.
    await waitFor(() => expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Cancel' })));
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(session.callsOf('endConversation')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'End conversation' }));
    await user.click(await screen.findByRole('button', { name: 'End' }));
    expect(session.callsOf('endConversation')).toHaveLength(1);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('keeps the confirmation open with the reason when ending fails', async () => {
    const { session, user } = renderWidget({ open: true, chat: { stage: 'open' } });
    session.failNext('endConversation', sessionError('network', 'The conversation could not be ended: ms.UpdateConversationField got no response'));
    await user.click(screen.getByRole('button', { name: 'End conversation' }));
    await user.click(await screen.findByRole('button', { name: 'End' }));
    const confirm = screen.getByRole('alertdialog');
    expect((await within(confirm).findByRole('alert')).textContent).toBe('The conversation could not be ended: the chat service could not be reached');
  });

  it('Escape in the confirmation cancels it without closing the window', async () => {
    const { user } = renderWidget({ open: true, chat: { stage: 'open' } });
    await user.click(screen.getByRole('button', { name: 'End conversation' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Chat' })).toBeTruthy();
  });
});

describe('screen reader announcements', () => {
  const announcer = () => document.querySelector('[aria-live="polite"]') as HTMLElement;

  it('keeps the log itself silent and announces a new agent message once, not the history', async () => {
    const history = [rows.agentText(1, 'Old news'), rows.consumerText('c1', 'ok', 'read', 2)];
    const { push } = renderWidget({ open: true, chat: { names, timeline: history } });
    expect(screen.getByRole('log').getAttribute('aria-live')).toBe('off');
    expect(announcer().textContent).toBe('');

    const fresh = [...history, rows.agentText(3, 'Hello there')];
    await push({ chat: { timeline: fresh, unread: 1 } });
    expect([...announcer().children].map((p) => p.textContent)).toEqual(['Dana: Hello there']);

    // Later snapshots (typing, receipts, the visitor's own messages) do not repeat it.
    await push({ chat: { agentTyping: { participantId: 'agent-1' } } });
    await push({ chat: { timeline: [...fresh, rows.consumerText('c2', 'thanks', 'pending')] } });
    expect([...announcer().children].map((p) => p.textContent)).toEqual(['Dana: Hello there']);
  });

  it('does not announce what arrived while the window was closed', async () => {
    const { push, setOpen } = renderWidget({ open: false, chat: { names } });
    await push({ chat: { timeline: [rows.agentText(1, 'While you were away')], unread: 1 } });
    setOpen(true);
    expect(announcer().textContent).toBe('');
    await push({ chat: { timeline: [rows.agentText(1, 'While you were away'), rows.agentText(2, 'Now')] } });
    expect(announcer().textContent).toBe('Dana: Now');
  });

  it('a hidden tab announces nothing (another, visible tab of the visitor does), and not later either', async () => {
    const { push } = renderWidget({ open: true, chat: { names } });
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    try {
      await push({ chat: { timeline: [rows.agentText(1, 'Seen in the other tab')], unread: 1 } });
      expect(announcer().textContent).toBe('');
    } finally {
      visibility.mockRestore();
    }
    await push({ chat: { timeline: [rows.agentText(1, 'Seen in the other tab'), rows.agentText(2, 'Here')], unread: 2 } });
    expect(announcer().textContent).toBe('Dana: Here');
  });
});

describe('the window and the session', () => {
  it('closes on Escape (the frame hides it) and focuses the composer when opened', async () => {
    const { user, isOpen, setOpen } = renderWidget({ open: true });
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
    await user.keyboard('{Escape}');
    expect(isOpen()).toBe(false);
    expect(screen.queryByRole('dialog', { name: 'Chat' })).toBeNull();
    setOpen(true);
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
  });

  it('unsubscribes from the session when unmounted', async () => {
    const { session, unmount } = renderWidget();
    await waitFor(() => expect(session.listenerCount()).toBeGreaterThan(0));
    unmount();
    expect(session.listenerCount()).toBe(0);
  });
});

describe('after the conversation ended', () => {
  const ended = (by: 'agent' | 'consumer') => ({
    stage: 'closed' as const,
    names: { 'agent-1': 'Dana' },
    agent: { participantId: 'agent-1' },
    timeline: [rows.agentText(1, 'Anything else?'), rows.banner('end', { type: 'conversationEnded', by })],
  });

  it.each(['agent', 'consumer'] as const)('shows the same header whoever ended it (%s), and offers to start a new conversation', async (by) => {
    const { user } = renderWidget({ open: true, chat: ended(by) });
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Chat with us');
    expect(screen.getByText('Anything else?')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Start a new conversation' }));
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
  });

  it('offers no "Start a new conversation" while one is open', () => {
    renderWidget({ open: true, chat: { stage: 'open', timeline: [rows.agentText(1, 'Hi')] } });
    expect(screen.queryByRole('button', { name: 'Start a new conversation' })).toBeNull();
  });
});

describe('the browser offline', () => {
  const setOnLine = (value: boolean) => {
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => value });
    act(() => {
      window.dispatchEvent(new Event(value ? 'online' : 'offline'));
    });
  };

  it('says "You\'re offline" (not "Reconnecting…") at once, whatever the socket knows yet; back online, the usual status', async () => {
    const { push } = renderWidget({ open: true, connection: { status: 'online' } });
    try {
      setOnLine(false);
      const status = screen.getByRole('status');
      expect(status.textContent).toBe("You're offline");
      await push({ connection: { status: 'reconnecting' } });
      expect(status.textContent).toBe("You're offline");
      setOnLine(true);
      expect(status.textContent).toBe('Reconnecting…');
      await push({ connection: { status: 'online' } });
      expect(status.textContent).toBe('');
    } finally {
      setOnLine(true);
    }
  });

  it('says it in Hebrew too', () => {
    renderWidget({ open: true, lang: 'he', connection: { status: 'reconnecting' } });
    try {
      setOnLine(false);
      expect(screen.getByRole('status').textContent).toBe('אין חיבור לאינטרנט');
    } finally {
      setOnLine(true);
    }
  });
});
