// @vitest-environment jsdom
// The console's reply box against an API whose send the test resolves, so what happens while a
// reply is in flight can be looked at.
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { AccountApi, SendMessage } from './api';
import { Composer } from './Composer';

function setup() {
  const sends: Array<{ message: SendMessage; resolve: () => void; reject: () => void }> = [];
  const api = {
    send: (_id: string, message: SendMessage) =>
      new Promise<unknown>((resolve, reject) =>
        sends.push({ message, resolve: () => resolve({}), reject: () => reject(new Error('POST messages: 503')) }),
      ),
    typing: () => Promise.resolve({}),
  } as unknown as AccountApi;
  const client = new QueryClient();
  render(
    <QueryClientProvider client={client}>
      <Composer api={api} account="acme" conversationId="c1" agentId="a1" />
    </QueryClientProvider>,
  );
  return { sends, client, user: userEvent.setup(), reply: screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Reply' }) };
}

describe('console composer', () => {
  it('keeps what was typed while a reply was being sent: only the sent text is cleared', async () => {
    const { sends, client, user, reply } = setup();
    await user.type(reply, 'First reply{Enter}');
    expect(sends.map((s) => s.message.text)).toEqual(['First reply']);
    await user.type(reply, 'Second, typed at once');
    sends[0]!.resolve();
    await waitFor(() => expect(client.isMutating()).toBe(0));
    expect(reply.value).toBe('Second, typed at once');
  });

  it('clears the box when nothing more was typed, and unticks "Private note" after sending one', async () => {
    const { sends, user, reply } = setup();
    const note = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Private note' });
    await user.click(note);
    await user.type(reply, 'For the team only{Enter}');
    expect(sends[0]!.message).toMatchObject({ text: 'For the team only', audience: 'AGENTS_AND_MANAGERS' });
    sends[0]!.resolve();
    await waitFor(() => expect(reply.value).toBe(''));
    expect(note.checked).toBe(false);
    await user.type(reply, 'To the visitor{Enter}');
    expect(sends[1]!.message).not.toHaveProperty('audience');
  });

  it('gives a reply that failed to send back, ahead of what was typed since', async () => {
    const { sends, client, user, reply } = setup();
    await user.type(reply, 'Lost on the way{Enter}');
    expect(reply.value).toBe('');
    await user.type(reply, 'and more');
    sends[0]!.reject();
    await waitFor(() => expect(client.isMutating()).toBe(0));
    expect(reply.value).toBe('Lost on the way\nand more');
  });
});
