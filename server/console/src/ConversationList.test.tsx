// @vitest-environment jsdom
// The conversation list as an agent reads it: a preview of each conversation's last message, an
// unread marker for a visitor's message the agent has not opened, and an alert when one starts waiting.
import { fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { ConversationList } from './ConversationList';
import { decodeConversations } from './decode';
import type { ConversationSummary } from './types';

const conv = (id: string, queue: string, last?: { sequence: number; role: string; text: string }) =>
  decodeConversations([
    {
      id,
      consumerId: `consumer-${id}`,
      stage: 'OPEN',
      state: 'OPEN',
      skillId: '-1',
      queue,
      participants: [],
      dialogs: [],
      startTs: 1_700_000_000_000,
      ...(last ? { lastMessage: { ...last, serverTimestamp: 1_700_000_001_000 } } : {}),
    },
  ])[0]!;

function Harness({ conversations }: { conversations: ConversationSummary[] | undefined }) {
  const [selected, setSelected] = useState<string | null>(null);
  return <ConversationList conversations={conversations} agents={[]} selectedId={selected} onSelect={setSelected} />;
}

const item = (name: RegExp) => screen.getByRole('button', { name });

describe('conversation list', () => {
  it("previews each conversation's last message and marks a visitor's unread one until it is opened", () => {
    const list = [conv('c1', 'waiting', { sequence: 0, role: 'CONSUMER', text: 'Where is my parcel?' }), conv('c2', 'open', { sequence: 3, role: 'ASSIGNED_AGENT', text: 'On its way' }), conv('c3', 'waiting')];
    const { rerender } = render(<Harness conversations={list} />);
    expect(within(item(/Where is my parcel\?/)).getByText('Unread')).toBeTruthy();
    expect(within(item(/On its way/)).queryByText('Unread')).toBeNull();
    expect(item(/No messages yet/)).toBeTruthy();
    // LivePerson's skill "-1" is no particular skill, said so, not shown as a number.
    expect(item(/Where is my parcel\?/).textContent).toContain('any skill');
    expect(item(/Where is my parcel\?/).textContent).not.toContain('-1');

    fireEvent.click(item(/Where is my parcel\?/));
    rerender(<Harness conversations={[...list]} />);
    expect(within(item(/Where is my parcel\?/)).queryByText('Unread')).toBeNull();
    // A new visitor message in another conversation is unread; in the open one it is seen at once.
    const next = [conv('c1', 'waiting', { sequence: 1, role: 'CONSUMER', text: 'Hello?' }), conv('c2', 'open', { sequence: 4, role: 'CONSUMER', text: 'Thanks!' }), list[2]!];
    rerender(<Harness conversations={next} />);
    expect(within(item(/Hello\?/)).queryByText('Unread')).toBeNull();
    expect(within(item(/Thanks!/)).getByText('Unread')).toBeTruthy();
  });

  it('alerts, and says so in the title, when a conversation starts waiting (not for those there on load)', () => {
    const baseTitle = document.title;
    const { rerender } = render(<Harness conversations={undefined} />);
    rerender(<Harness conversations={[conv('c1', 'waiting')]} />);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.title).toBe(`(1 waiting) ${baseTitle}`);
    // It starts waiting before its first message arrives (the visitor asks, then writes).
    rerender(<Harness conversations={[conv('c1', 'open'), conv('c2', 'waiting')]} />);
    expect(screen.getByRole('alert').textContent).toBe('A conversation is waiting');
    rerender(<Harness conversations={[conv('c1', 'open'), conv('c2', 'waiting', { sequence: 0, role: 'CONSUMER', text: 'Anyone there?' })]} />);
    expect(screen.getByRole('alert').textContent).toBe('A conversation is waiting: Anyone there?');
    expect(document.title).toBe(`(1 waiting) ${baseTitle}`);
    rerender(<Harness conversations={[conv('c1', 'open'), conv('c2', 'open')]} />);
    expect(document.title).toBe(baseTitle);
  });
});
