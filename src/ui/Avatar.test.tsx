// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { rows } from './testing/fakeSession';
import { renderWidget } from './testing/renderWidget';

const PICTURE = 'data:image/png;base64,iVBORw0KGgo=';

describe('agent pictures', () => {
  it('show in the header and beside the first bubble of a run, decorative, with the name beside them', () => {
    renderWidget({
      open: true,
      chat: { stage: 'open', agent: { participantId: 'agent-1' }, names: { 'agent-1': 'Dana' }, avatars: { 'agent-1': PICTURE }, timeline: [rows.agentText(1, 'Hi'), rows.agentText(2, 'How can I help?')] },
    });
    const header = screen.getByRole('banner');
    expect(within(header).getByRole('heading').textContent).toBe('Dana');
    const pictures = [...document.querySelectorAll('.parley-avatar img')];
    expect(pictures.map((img) => [img.getAttribute('src'), img.getAttribute('alt'), img.closest('[aria-hidden="true"]') !== null])).toEqual([
      [PICTURE, '', true],
      [PICTURE, '', true],
    ]);
    expect(screen.getByRole('log').querySelectorAll('.parley-sender')).toHaveLength(1);
    expect(screen.getByRole('log').querySelector('.parley-sender')?.textContent).toBe('Dana');
  });

  it('show the initial instead for other schemes, and when the picture fails to load', () => {
    renderWidget({
      open: true,
      chat: { stage: 'open', agent: { participantId: 'agent-1' }, names: { 'agent-1': 'dana' }, avatars: { 'agent-1': 'http://cdn.example/d.png' }, timeline: [rows.agentText(1, 'Hi')] },
    });
    expect(document.querySelector('.parley-avatar img')).toBeNull();
    expect(document.querySelector('.parley-header .parley-avatar')?.textContent).toBe('D');
    expect(screen.getByRole('log').querySelector('.parley-avatar')).toBeNull();
  });

  it('falls back to the initial when the picture fails', () => {
    renderWidget({ open: true, chat: { stage: 'open', agent: { participantId: 'agent-1' }, names: { 'agent-1': 'Dana' }, avatars: { 'agent-1': 'https://cdn.example/gone.png' } } });
    const img = document.querySelector('.parley-header .parley-avatar img');
    expect(img).not.toBeNull();
    fireEvent.error(img as Element);
    expect(document.querySelector('.parley-header .parley-avatar')?.textContent).toBe('D');
  });
});
