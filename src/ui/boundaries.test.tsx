// @vitest-environment jsdom
// A rendering fault stays where it happened: in one banner row, or in one part of the window (the
// header, the typing line…); the rest of the conversation and the composer keep working.
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatView } from '../core/model';
import { rows } from './testing/fakeSession';
import { renderWidget } from './testing/renderWidget';

/** Display names where looking up one of `faulty` throws (a stand-in for any rendering fault). */
function namesFailingFor(...faulty: string[]): ChatView['names'] {
  return new Proxy<Record<string, string>>(
    { 'agent-1': 'Dana' },
    {
      get(target, key, receiver) {
        if (typeof key === 'string' && faulty.includes(key)) throw new Error(`no name for ${key}`);
        return Reflect.get(target, key, receiver) as unknown;
      },
    },
  );
}

async function composerStillSends(user: ReturnType<typeof renderWidget>['user'], session: ReturnType<typeof renderWidget>['session']) {
  await user.type(screen.getByRole('textbox', { name: 'Message' }), 'still here');
  await user.click(screen.getByRole('button', { name: 'Send' }));
  expect(session.callsOf('send')).toEqual([{ method: 'send', text: 'still here' }]);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('rendering faults', () => {
  it('a fault in a banner replaces that banner only', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { user, session, container } = renderWidget({
      open: true,
      chat: {
        stage: 'open',
        names: namesFailingFor('evil'),
        timeline: [
          rows.agentText(1, 'Before the banner'),
          rows.banner('b-evil', { type: 'agentJoined', participantId: 'evil' }),
          rows.banner('b-ok', { type: 'agentJoined', participantId: 'agent-1' }),
          rows.consumerText('c1', 'After the banner', 'sent', 3),
        ],
      },
    });
    expect(screen.getByText('Before the banner')).toBeTruthy();
    expect(screen.getByText('After the banner')).toBeTruthy();
    expect(screen.getByText('Dana joined')).toBeTruthy();
    const failed = [...container.querySelectorAll('[data-render-failed]')];
    expect(failed.map((el) => el.getAttribute('data-banner'))).toEqual(['agentJoined']);
    expect(failed[0]?.textContent).toBe("This part of the chat can't be shown");
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('a banner could not be rendered (Error)'), expect.anything());
    await composerStillSends(user, session);
  });

  it('a fault in the header or the typing line keeps the timeline and the composer', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { user, session, container } = renderWidget({
      open: true,
      chat: {
        stage: 'open',
        names: namesFailingFor('evil-agent'),
        agent: { participantId: 'evil-agent' },
        agentTyping: { participantId: 'evil-agent' },
        timeline: [rows.agentText(1, 'A message'), rows.consumerText('c1', 'A reply', 'sent', 2)],
      },
    });
    expect(screen.getByRole('dialog')).toBeTruthy();
    expect(screen.getByText('A message')).toBeTruthy();
    expect(screen.getByText('A reply')).toBeTruthy();
    expect(container.querySelectorAll('[data-render-failed]')).toHaveLength(2);
    await composerStillSends(user, session);
  });
});
