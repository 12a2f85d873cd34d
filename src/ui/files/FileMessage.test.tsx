// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TimelineRow } from '../../core/model';
import { rows } from '../testing/fakeSession';
import { renderWidget } from '../testing/renderWidget';

const file = (sequence: number, caption: string, fileType: string, path: string): TimelineRow =>
  rows.agentText(sequence, '', 'agent-1', { body: { kind: 'file', caption, fileType, path } });

describe('files from the agent', () => {
  it('shows an image inline, sized and lazy, opening full size in the viewer; other files as a download link', async () => {
    const files = { '/v1/a/photo.PNG': 'https://swift.example/v1/a/photo.PNG?temp_url_sig=s&temp_url_expires=9', '/v1/a/invoice.PDF': 'https://swift.example/v1/a/invoice.PDF?temp_url_sig=s&temp_url_expires=9' };
    const { session } = renderWidget({ open: true, files, chat: { timeline: [file(1, 'Our shop', 'PNG', '/v1/a/photo.PNG'), file(2, 'invoice.pdf', 'PDF', '/v1/a/invoice.PDF')] } });
    const log = screen.getByRole('log');
    const image = await within(log).findByRole('img', { name: 'Our shop' });
    expect([image.getAttribute('src'), image.getAttribute('loading'), image.getAttribute('width'), image.getAttribute('height')]).toEqual([files['/v1/a/photo.PNG'], 'lazy', '240', '180']);
    expect(within(log).getByRole('button', { name: 'View Our shop' }).getAttribute('aria-haspopup')).toBe('dialog');
    const pdf = await within(log).findByRole('link', { name: 'invoice.pdf (PDF)' });
    expect(pdf.getAttribute('href')).toBe(files['/v1/a/invoice.PDF']);
    expect(pdf.hasAttribute('download')).toBe(true);
    expect(session.callsOf('fileUrl').map((c) => c.path).sort()).toEqual(['/v1/a/invoice.PDF', '/v1/a/photo.PNG']);
  });

  it('the viewer: a modal dialog named by the caption, focus on Close, Tab kept inside, Escape closes it (not the window) and focus returns', async () => {
    const url = 'https://swift.example/v1/a/photo.PNG?temp_url_sig=s&temp_url_expires=9';
    const { user } = renderWidget({ open: true, files: { '/v1/a/photo.PNG': url }, chat: { timeline: [file(1, 'Our shop', 'PNG', '/v1/a/photo.PNG')] } });
    const opener = await screen.findByRole('button', { name: 'View Our shop' });
    opener.focus();
    await user.keyboard('{Enter}');
    const viewer = await screen.findByRole('dialog', { name: 'Our shop' });
    expect(viewer.getAttribute('aria-modal')).toBe('true');
    expect(within(viewer).getByRole('img', { name: 'Our shop' }).getAttribute('src')).toBe(url);
    const close = within(viewer).getByRole('button', { name: 'Close' });
    await waitFor(() => expect(document.activeElement).toBe(close)); // focus moves in the viewer's effect
    await user.tab();
    expect(document.activeElement).toBe(close); // the only control: Tab stays on it
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Our shop' })).toBeNull());
    expect(screen.getByRole('dialog', { name: 'Chat' }).hidden).toBe(false);
    expect(document.activeElement).toBe(opener);
    await user.keyboard('{Enter}');
    await user.click(within(await screen.findByRole('dialog', { name: 'Our shop' })).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Our shop' })).toBeNull());
    expect(document.activeElement).toBe(opener);
  });

  it('asks for a fresh URL once when the image fails (an expired URL), then falls back to the caption', async () => {
    const { session } = renderWidget({ open: true, files: { '/v1/a/p.PNG': 'https://swift.example/v1/a/p.PNG?x=1' }, chat: { timeline: [file(1, 'Dot', 'PNG', '/v1/a/p.PNG')] } });
    const log = screen.getByRole('log');
    fireEvent.error(await within(log).findByRole('img', { name: 'Dot' }));
    await waitFor(() => expect(session.callsOf('fileUrl')).toHaveLength(2));
    fireEvent.error(await within(log).findByRole('img', { name: 'Dot' }));
    expect(await within(log).findByText('File: Dot')).toBeTruthy();
  });

  it('shows "File: caption" when the storage refuses, as text', async () => {
    const { session } = renderWidget({ open: true, chat: { timeline: [file(1, '<img src=x onerror=alert(1)>', 'PNG', '/v1/a/gone.PNG')] } });
    const log = screen.getByRole('log');
    await waitFor(() => expect(session.callsOf('fileUrl')).toHaveLength(1));
    expect(await within(log).findByText('File: <img src=x onerror=alert(1)>')).toBeTruthy();
    expect(log.querySelector('img')).toBeNull();
  });
});
