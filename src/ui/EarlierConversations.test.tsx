// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { EarlierConversation } from '../core/model';
import { rows } from './testing/fakeSession';
import { renderWidget } from './testing/renderWidget';

const at = (day: number) => new Date(2026, 0, day, 15, 30).getTime();
const earlier = (n: number): EarlierConversation[] =>
  Array.from({ length: n }, (_, i) => ({ id: `c${i}`, startedAt: at(28 - i) - 60_000, endedAt: at(28 - i), ...(i === 0 ? { agentId: 'dana', lastMessage: { text: 'It ships today', at: at(28), originator: 'agent' as const } } : {}) }));

describe('earlier conversations', () => {
  it('lists them newest first with date, agent and last message, 20 at a time', async () => {
    const { user } = renderWidget({ open: true, chat: { stage: 'open', conversationId: 'now', names: { dana: 'Dana' }, earlier: earlier(25) } });
    await user.click(screen.getByRole('button', { name: 'Earlier conversations (25)' }));
    const region = await screen.findByRole('region', { name: 'Earlier conversations' });
    const items = within(region).getAllByRole('button', { name: /^Open the conversation of/ });
    expect(items).toHaveLength(20);
    expect(items[0]?.textContent).toContain('with Dana');
    expect(items[0]?.textContent).toContain('It ships today');
    expect(items[0]?.getAttribute('aria-label')).toContain('2026');
    expect(items[1]?.textContent).toContain('No message shown');
    await user.click(within(region).getByRole('button', { name: 'Show more' }));
    expect(within(region).getAllByRole('button', { name: /^Open the conversation of/ })).toHaveLength(25);
    // back to the open chat
    await user.click(within(region).getByRole('button', { name: 'Back to the chat' }));
    expect(screen.queryByRole('region', { name: 'Earlier conversations' })).toBeNull();
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Message');
  });

  it('opens one read-only: loads it, shows its messages, and stops following it when closed', async () => {
    const list = earlier(2);
    const { user, session, push } = renderWidget({ open: true, chat: { stage: 'closed', conversationId: 'now', names: { dana: 'Dana' }, earlier: list } });
    await user.click(screen.getByRole('button', { name: 'Earlier conversations (2)' }));
    await user.click((await screen.findAllByRole('button', { name: /^Open the conversation of/ }))[0]!);
    expect(session.callsOf('openEarlier')).toEqual([{ method: 'openEarlier', conversationId: 'c0' }]);
    expect(screen.getByText('Loading the conversation…')).toBeTruthy();
    await push({ chat: { earlier: [{ ...list[0]!, rows: [rows.consumerText('k', 'Where is my order?', 'read', 0), rows.agentText(1, 'It ships today', 'dana')] }, list[1]!] } });
    const log = screen.getByRole('log', { name: 'Conversation' });
    expect(within(log).getByText('Where is my order?')).toBeTruthy();
    expect(within(log).getByText('It ships today')).toBeTruthy();
    expect(screen.getByText('This conversation has ended. It is shown read-only.')).toBeTruthy();
    expect(within(log).queryByRole('button')).toBeNull(); // nothing to act on
    // "Start a new conversation" is at hand (the current one ended)
    expect(screen.getByRole('button', { name: 'Start a new conversation' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Back to the list' }));
    expect(session.callsOf('closeEarlier')).toEqual([{ method: 'closeEarlier', conversationId: 'c0' }]);
  });

  it('says when one could not be loaded, and offers no list without earlier conversations', async () => {
    const { user, session } = renderWidget({ open: true, chat: { stage: 'open', earlier: earlier(1) } });
    session.failNext('openEarlier', Object.assign(new Error('down'), { kind: 'network' }));
    await user.click(screen.getByRole('button', { name: 'Earlier conversations (1)' }));
    await user.click(await screen.findByRole('button', { name: /^Open the conversation of/ }));
    expect((await screen.findByRole('alert')).textContent).toBe('This conversation could not be loaded: the chat service could not be reached');
    renderWidget({ open: true, chat: { stage: 'open' } }); // the first widget shows its list, this one has none to offer
    expect(screen.queryAllByRole('button', { name: /^Earlier conversations/ })).toHaveLength(0);
  });
});
