// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TimelineRow } from '../core/model';
import { rows } from './testing/fakeSession';
import { renderWidget } from './testing/renderWidget';

const names = { 'agent-1': 'Dana', 'manager-1': 'Morgan' };

describe('timeline', () => {
  it('shows one time per group of messages from one sender within a few minutes; every time stays for assistive technology', () => {
    const t0 = 1_700_000_000_000;
    const at = (ms: number) => ({ at: t0 + ms });
    renderWidget({
      open: true,
      chat: {
        names,
        timeline: [
          rows.agentText(1, 'Hi', 'agent-1', at(0)),
          rows.agentText(2, 'I am Dana', 'agent-1', at(30_000)),
          rows.agentText(3, 'How can I help?', 'agent-1', at(60_000)),
          rows.agentText(4, 'Still there?', 'agent-1', at(10 * 60_000)), // ten minutes later: a new group
          { ...rows.consumerText('c1', 'Yes', 'sent', 5), ...at(10 * 60_000 + 5000) },
          { ...rows.consumerText('c2', 'Sorry', 'sent', 6), ...at(10 * 60_000 + 9000) },
          rows.agentText(7, 'No problem', 'manager-1', at(10 * 60_000 + 20_000)),
        ],
      },
    });
    const log = screen.getByRole('log');
    const messages = [...log.querySelectorAll('[data-originator]')];
    const times = messages.map((m) => m.querySelector('time'));
    // Every message keeps its exact time in a <time> element…
    expect(times.map((time) => time?.getAttribute('datetime'))).toEqual(
      [0, 30_000, 60_000, 600_000, 605_000, 609_000, 620_000].map((ms) => new Date(t0 + ms).toISOString()),
    );
    // …but only the last of each group shows it; the others' are visually hidden (still read out).
    expect(times.map((time) => !time?.classList.contains('parley-visually-hidden'))).toEqual([false, false, true, true, false, true, true]);
    // Receipts stay on every message of the visitor's.
    expect(messages.map((m) => m.querySelector('[data-receipt]') !== null)).toEqual([false, false, false, false, true, true, false]);
  });

  it('marks each row with its originator and sequence', () => {
    renderWidget({
      open: true,
      chat: { names, timeline: [rows.consumerText('c1', 'Hi', 'sent', 1), rows.agentText(3, 'Hello!'), rows.banner('b', { type: 'backToQueue' })] },
    });
    const log = screen.getByRole('log');
    const marked = [...log.querySelectorAll('[data-originator]')].map((el) => [
      el.getAttribute('data-originator'),
      el.getAttribute('data-sequence'),
    ]);
    expect(marked).toEqual([
      ['consumer', '1'],
      ['agent', '3'],
      ['system', null],
    ]);
  });

  it('shows receipts with their state and accessible name', () => {
    const states = ['pending', 'sent', 'delivered', 'read', 'failed'] as const;
    renderWidget({ open: true, chat: { timeline: states.map((s, i) => rows.consumerText(`c${i}`, `msg ${s}`, s)) } });
    const log = screen.getByRole('log');
    const receipts = [...log.querySelectorAll('[data-receipt]')].map((el) => [
      el.getAttribute('data-receipt'),
      el.getAttribute('aria-label'),
    ]);
    expect(receipts).toEqual([
      ['pending', 'Sending'],
      ['sent', 'Sent'],
      ['delivered', 'Delivered'],
      ['read', 'Read'],
      ['failed', 'Not sent'],
    ]);
    for (const name of ['Sending', 'Sent', 'Delivered', 'Read', 'Not sent']) {
      expect(within(log).getByRole('img', { name })).toBeTruthy();
    }
  });

  it('offers Retry on a failed message only, and retries it through the session by its row key', async () => {
    // An outbox row's key is not its client id: the retry names the row.
    const failed = { ...rows.consumerText('bad', 'lost', 'failed'), key: 'out:bad' };
    const { session, user } = renderWidget({
      open: true,
      chat: { timeline: [rows.consumerText('ok', 'fine', 'sent'), failed] },
    });
    const retry = screen.getAllByRole('button', { name: 'Retry' });
    expect(retry).toHaveLength(1);
    await user.click(retry[0]!);
    expect(session.callsOf('retry')).toEqual([{ method: 'retry', rowKey: 'out:bad' }]);
  });

  it('writes a sentence for every banner', () => {
    const banners: Array<[Extract<TimelineRow, { kind: 'banner' }>['banner'], string]> = [
      [{ type: 'agentJoined', participantId: 'agent-1' }, 'Dana joined'],
      [{ type: 'agentJoined', participantId: 'unknown' }, 'Agent joined'],
      [{ type: 'agentLeft', participantId: 'agent-1' }, 'Dana left'],
      [{ type: 'transferred', participantId: 'agent-1' }, 'You are being transferred to Dana'],
      [{ type: 'transferred' }, 'You are being transferred to another agent'],
      [{ type: 'backToQueue' }, 'Waiting for the next available agent'],
      [{ type: 'managerJoined', participantId: 'manager-1' }, 'Morgan joined as a manager'],
      [{ type: 'conversationEnded', by: 'agent' }, 'The agent ended the conversation'],
      [{ type: 'conversationEnded', by: 'consumer' }, 'You ended the conversation'],
      [{ type: 'conversationEnded', by: 'system' }, 'The conversation was closed'],
      [{ type: 'surveyStarted' }, 'Please tell us how we did'],
    ];
    renderWidget({ open: true, chat: { names, timeline: banners.map(([b], i) => rows.banner(`b${i}`, b)) } });
    const texts = [...screen.getByRole('log').querySelectorAll('[data-originator="system"]')].map((el) => el.textContent);
    expect(texts).toEqual(banners.map(([, text]) => text));
  });

  it('renders server text as text, never as markup', () => {
    renderWidget({ open: true, chat: { timeline: [rows.agentText(1, '<img src=x onerror=alert(1)><b>bold</b>')] } });
    const log = screen.getByRole('log');
    expect(log.querySelector('img, b')).toBeNull();
    expect(within(log).getByText('<img src=x onerror=alert(1)><b>bold</b>')).toBeTruthy();
  });

  it('shows unsupported content as a generic bubble', () => {
    renderWidget({
      open: true,
      chat: {
        timeline: [
          rows.agentText(1, '', 'agent-1', { body: { kind: 'unsupported', description: 'a carousel' } }),
          rows.agentText(2, '', 'agent-1', { body: { kind: 'rich', fallbackText: '', content: {} } }),
          rows.agentText(3, '', 'agent-1', { body: { kind: 'rich', fallbackText: 'Our opening hours', content: {} } }),
        ],
      },
    });
    const bubbles = [...screen.getByRole('log').querySelectorAll('.parley-bubble')].map((el) => el.textContent);
    expect(bubbles).toEqual([
      'This message cannot be shown here.',
      'This message cannot be shown here.',
      'Our opening hours',
    ]);
  });

  it('offers quick replies under the latest agent message and answers that message with the chosen option', async () => {
    const quickReplies = [
      { title: 'Yes', text: 'Yes please' },
      { title: 'No', text: 'No thanks' },
    ];
    const question = rows.agentText(2, 'Anything else?', 'agent-1', { body: { kind: 'text', text: 'Anything else?', quickReplies } });
    // A banner after the question (e.g. "the survey started") does not hide its replies.
    const { session, user, push } = renderWidget({ open: true, chat: { stage: 'open', names, timeline: [question, rows.banner('b', { type: 'surveyStarted' })] } });
    const group = screen.getByRole('group', { name: 'Suggested replies' });
    await user.click(within(group).getByRole('button', { name: 'No' }));
    expect(session.callsOf('chooseQuickReply')).toEqual([{ method: 'chooseQuickReply', rowKey: 'm-2', option: quickReplies[1] }]);
    expect(session.callsOf('send')).toEqual([]);
    await push({ chat: { timeline: [question, rows.banner('b', { type: 'surveyStarted' }), rows.consumerText('c1', 'No thanks', 'pending')] } });
    expect(screen.queryByRole('group', { name: 'Suggested replies' })).toBeNull();
  });
});
