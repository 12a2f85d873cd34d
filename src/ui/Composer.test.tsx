// @vitest-environment jsdom
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MESSAGE_MAX_LENGTH } from '../core/session';
import { COMPOSING_IDLE_MS, COUNTER_FROM_REMAINING } from './Composer';
import { rows } from './testing/fakeSession';
import { renderWidget } from './testing/renderWidget';
import { sessionError } from '../core/session';

afterEach(() => {
  vi.useRealTimers();
});

describe('composer', () => {
  it('sends with the Send button, trims, and clears the box', async () => {
    const { session, user } = renderWidget({ open: true });
    const box = screen.getByRole('textbox', { name: 'Message' });
    await user.type(box, '  Hello there  ');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(session.callsOf('send')).toEqual([{ method: 'send', text: 'Hello there' }]);
    expect((box as HTMLTextAreaElement).value).toBe('');
  });

  it('sends on Enter, adds a line on Shift+Enter, and never sends a blank message', async () => {
    const { session, user } = renderWidget({ open: true });
    const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    await user.keyboard('{Enter}');
    await user.keyboard('   {Enter}');
    expect(session.callsOf('send')).toEqual([]);
    await user.clear(box);
    await user.keyboard('line one{Shift>}{Enter}{/Shift}line two');
    expect(box.value).toBe('line one\nline two');
    await user.keyboard('{Enter}');
    expect(session.callsOf('send')).toEqual([{ method: 'send', text: 'line one\nline two' }]);
    expect(box.value).toBe('');
  });

  it('reports composing on every keystroke (the session throttles), and stops after 3 s idle', async () => {
    vi.useFakeTimers();
    const { session } = renderWidget({ open: true });
    const box = screen.getByRole('textbox', { name: 'Message' });
    const composing = () => session.callsOf('setComposing').map((c) => c.composing);
    // Mutations reach the session after a few microtasks.
    const settle = () => act(async () => {});
    fireEvent.change(box, { target: { value: 'H' } });
    fireEvent.change(box, { target: { value: 'He' } });
    await settle();
    expect(composing()).toEqual([true, true]);
    act(() => void vi.advanceTimersByTime(COMPOSING_IDLE_MS - 100));
    fireEvent.change(box, { target: { value: 'Hel' } });
    act(() => void vi.advanceTimersByTime(COMPOSING_IDLE_MS - 100));
    await settle();
    expect(composing()).toEqual([true, true, true]);
    act(() => void vi.advanceTimersByTime(200));
    await settle();
    expect(composing()).toEqual([true, true, true, false]);
    // Clearing the box is not typing: it stops at once, and only once.
    fireEvent.change(box, { target: { value: 'Hi' } });
    fireEvent.change(box, { target: { value: '' } });
    act(() => void vi.advanceTimersByTime(COMPOSING_IDLE_MS * 2));
    await settle();
    expect(composing()).toEqual([true, true, true, false, true, false]);
  });

  it('a long typing burst keeps reporting composing to the session', async () => {
    vi.useFakeTimers();
    const { session } = renderWidget({ open: true });
    const box = screen.getByRole('textbox', { name: 'Message' });
    const settle = () => act(async () => {});
    let text = '';
    // 8 s of typing, a key every 500 ms: the session sees each one (and sends one COMPOSING per 3 s).
    for (let i = 0; i < 16; i++) {
      text += 'x';
      fireEvent.change(box, { target: { value: text } });
      act(() => void vi.advanceTimersByTime(500));
    }
    await settle();
    expect(session.callsOf('setComposing').map((c) => c.composing)).toEqual(Array.from({ length: 16 }, () => true));
  });

  it('stops composing when the message is sent', async () => {
    const { session, user } = renderWidget({ open: true });
    await user.keyboard('Hi{Enter}');
    expect(session.calls.filter((c) => c.method === 'setComposing' || c.method === 'send')).toEqual([
      { method: 'setComposing', composing: true },
      { method: 'setComposing', composing: true },
      { method: 'setComposing', composing: false },
      { method: 'send', text: 'Hi' },
    ]);
  });

  it('puts a message refused before queuing back in the box and says why', async () => {
    const { session, user } = renderWidget({ open: true });
    session.failNext('send', sessionError('stopped', 'The chat session stopped'));
    await user.keyboard('Hi{Enter}');
    // The reason comes from the catalogue by the error's kind; the session's English never shows.
    expect((await screen.findByRole('alert')).textContent).toBe('Your message could not be sent: the chat was closed');
    expect((screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).value).toBe('Hi');
  });

  it('leaves a message that failed after queuing to its "Not sent" bubble', async () => {
    const { session, user } = renderWidget({ open: true });
    let fail!: (error: Error) => void;
    session.send = (text) => {
      // As the contract says: the bubble shows at once, the promise settles later.
      session.push({ chat: { timeline: [rows.consumerText('c1', text, 'pending')] } });
      return new Promise((_, reject) => (fail = reject));
    };
    await user.keyboard('Hi{Enter}');
    await act(async () => {
      session.push({ chat: { timeline: [rows.consumerText('c1', 'Hi', 'failed')] } });
      fail(sessionError('network', 'Message not sent: ms.PublishEvent failed with code 500'));
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(screen.getByRole('img', { name: 'Not sent' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect((screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).value).toBe('');
  });

  it('shows a counter near the length limit, and blocks sending over it with an accessible message', async () => {
    const { session, user } = renderWidget({ open: true });
    const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    const sendButton = screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement;
    const counter = () => document.querySelector('.parley-composer-count');
    fireEvent.change(box, { target: { value: 'x'.repeat(MESSAGE_MAX_LENGTH - COUNTER_FROM_REMAINING - 1) } });
    expect(counter()).toBeNull();
    expect(box.getAttribute('aria-describedby')).toBeNull();
    fireEvent.change(box, { target: { value: 'x'.repeat(MESSAGE_MAX_LENGTH - 10) } });
    expect(counter()?.textContent).toBe('10 characters left');
    expect(box.getAttribute('aria-describedby')).toBe(counter()?.id);
    expect(screen.queryByRole('alert')).toBeNull();
    // Exactly at the limit (surrounding blanks do not count) is allowed.
    fireEvent.change(box, { target: { value: `  ${'x'.repeat(MESSAGE_MAX_LENGTH)}  ` } });
    expect(counter()?.textContent).toBe('0 characters left');
    expect(sendButton.disabled).toBe(false);
    fireEvent.change(box, { target: { value: 'y'.repeat(MESSAGE_MAX_LENGTH + 3) } });
    expect(counter()?.textContent).toBe('3 characters too many');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe(`Messages can have at most ${MESSAGE_MAX_LENGTH} characters.`);
    expect(sendButton.disabled).toBe(true);
    box.focus();
    await user.keyboard('{Enter}');
    fireEvent.submit(box.form as HTMLFormElement);
    expect(session.callsOf('send')).toEqual([]);
    expect(box.value).toHaveLength(MESSAGE_MAX_LENGTH + 3);
    // Back under the limit, it sends.
    fireEvent.change(box, { target: { value: 'y'.repeat(MESSAGE_MAX_LENGTH) } });
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(sendButton);
    expect(session.callsOf('send').map((c) => c.text.length)).toEqual([MESSAGE_MAX_LENGTH]);
  });
});
