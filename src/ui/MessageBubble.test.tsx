// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TimelineRow } from '../core/model';
import { rows } from './testing/fakeSession';
import { renderWidget } from './testing/renderWidget';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('message bubbles', () => {
  it('lets each message take its own direction (an English reply in a Hebrew widget reads left to right)', () => {
    renderWidget({ open: true, chat: { timeline: [rows.agentText(1, 'Hi! See https://example.com')] } });
    const bubble = screen.getByRole('log').querySelector('.parley-bubble');
    expect(bubble?.getAttribute('dir')).toBe('auto');
  });

  it('links http, https, mailto, tel and bare addresses, opening in a new tab without opener or referrer', () => {
    renderWidget({
      open: true,
      chat: { timeline: [rows.agentText(1, 'Docs: https://example.com/help. Mail help@x.org via mailto:help@x.org or tel:+15550100')] },
    });
    const anchors = [...screen.getByRole('log').querySelectorAll('a')];
    expect(anchors.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel')])).toEqual([
      ['https://example.com/help', 'https://example.com/help', '_blank', 'noopener noreferrer'],
      ['help@x.org', 'mailto:help@x.org', '_blank', 'noopener noreferrer'],
      ['mailto:help@x.org', 'mailto:help@x.org', '_blank', 'noopener noreferrer'],
      ['tel:+15550100', 'tel:+15550100', '_blank', 'noopener noreferrer'],
    ]);
    expect(screen.getByRole('link', { name: 'https://example.com/help' })).toBeTruthy();
  });

  it('keeps javascript:, data: and vbscript: as text', () => {
    const text = 'javascript:alert(1) data:text/html,<script>alert(2)</script> vbscript:msgbox(3)';
    renderWidget({ open: true, chat: { timeline: [rows.agentText(1, text)] } });
    const log = screen.getByRole('log');
    expect(log.querySelector('a, script')).toBeNull();
    expect(within(log).getByText(text)).toBeTruthy();
  });

  it('links in rich fallback text, never in file captions or quick-reply titles', () => {
    const quickReplies = [{ title: 'https://qr.example', text: 'https://qr.example' }];
    renderWidget({
      open: true,
      chat: {
        stage: 'open',
        timeline: [
          rows.agentText(1, '', 'agent-1', { body: { kind: 'file', caption: 'https://cap.example', fileType: 'PNG', path: '/f' } }),
          rows.agentText(2, '', 'agent-1', { body: { kind: 'rich', fallbackText: 'See https://rich.example', content: {}, quickReplies } }),
        ],
      },
    });
    const hrefs = [...screen.getByRole('log').querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://rich.example/']);
    expect(screen.getByRole('button', { name: 'https://qr.example' })).toBeTruthy();
    expect(screen.getByText('File: https://cap.example')).toBeTruthy();
  });

  it('keeps a rendering fault inside its message: a notice in place, the rest and the composer keep working', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    // A body whose text is not a string (a decoder bug would look like this): rendering it throws.
    const broken = rows.agentText(2, '', 'agent-1', { body: { kind: 'text', text: { toString: 1 } as unknown as string } });
    const timeline: TimelineRow[] = [rows.agentText(1, 'before'), broken, rows.agentText(3, 'after')];
    const { session, user, push } = renderWidget({ open: true, chat: { stage: 'open', timeline } });
    const log = screen.getByRole('log');
    const shown = [...log.querySelectorAll('[data-sequence]')].map((el) => [el.getAttribute('data-sequence'), el.textContent]);
    expect(shown.map(([seq]) => seq)).toEqual(['1', '2', '3']);
    expect(shown[0]?.[1]).toContain('before');
    expect(shown[1]?.[1]).toBe("This message can't be shown");
    expect(shown[2]?.[1]).toContain('after');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('a message could not be rendered'), expect.anything());
    // The composer still sends, and new messages still render.
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'still here{Enter}');
    expect(session.callsOf('send')).toEqual([{ method: 'send', text: 'still here' }]);
    await push({ chat: { timeline: [...timeline, rows.agentText(4, 'and more')] } });
    expect(within(log).getByText('and more')).toBeTruthy();
    expect(within(log).getByText("This message can't be shown")).toBeTruthy();
  });
});
