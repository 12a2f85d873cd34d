// @vitest-environment jsdom
// Attaching files in the window: the Attach button's picker, a paste into the box and a drop onto the
// window; type and size checked before anything is sent (a clear error); the upload bubble's progress
// and Cancel; no Attach when file sharing is off.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TimelineRow } from '../../core/model';
import { renderWidget } from '../testing/renderWidget';

const POLICY = { types: ['JPG', 'PNG', 'GIF'] as const, maxBytes: 3 * 1024 * 1024 };
const PNG_HEAD = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const png = (name: string, extra = 0) => new File([PNG_HEAD, new Uint8Array(extra)], name, { type: 'image/png' });

const uploading = (clientId: string, caption: string, preview?: string): TimelineRow => ({
  kind: 'message', key: `out:${clientId}`, originator: 'consumer', participantId: 'me', at: 1_700_000_000_000,
  body: { kind: 'file', caption, fileType: 'PNG', path: '', ...(preview ? { preview } : {}) }, receipt: 'pending', clientId,
});

describe('attaching files', () => {
  it('the Attach button picks a file (accepting only the allowed types) and sends it', async () => {
    const { session, user } = renderWidget({ open: true, filePolicy: { ...POLICY, types: [...POLICY.types] } });
    const button = screen.getByRole('button', { name: 'Attach file' });
    const picker = document.querySelector<HTMLInputElement>('input[type=file]') as HTMLInputElement;
    expect(picker.accept).toBe('.jpg,.jpeg,.png,.gif');
    let opened = false;
    picker.addEventListener('click', () => (opened = true));
    await user.click(button);
    expect(opened).toBe(true);
    await user.upload(picker, png('dot.png'));
    await waitFor(() => expect(session.callsOf('sendFile').map((c) => c.name)).toEqual(['dot.png']));
  });

  it('refuses a wrong type or a file too big with a clear error, sending nothing', async () => {
    const { session } = renderWidget({ open: true, filePolicy: { ...POLICY, types: [...POLICY.types] } });
    const input = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.paste(input, { clipboardData: { files: [new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' })] } });
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', '“setup.exe” cannot be sent: only JPG, PNG, GIF files can be.');
    fireEvent.paste(input, { clipboardData: { files: [png('huge.png', 3 * 1024 * 1024)] } });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('“huge.png” is too big: files can be at most 3 MB.'));
    fireEvent.paste(input, { clipboardData: { files: [new File(['<html>'], 'fake.png', { type: 'image/png' })] } });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('“fake.png” cannot be sent'));
    expect(session.callsOf('sendFile')).toEqual([]);
  });

  it('a paste of a file into the box sends it; a drop onto the window does too', async () => {
    const { session } = renderWidget({ open: true, filePolicy: { ...POLICY, types: [...POLICY.types] } });
    fireEvent.paste(screen.getByRole('textbox', { name: 'Message' }), { clipboardData: { files: [png('pasted.png')] } });
    const window = screen.getByRole('dialog', { name: 'Chat' });
    const dataTransfer = { types: ['Files'], files: [png('dropped.png')], dropEffect: 'none' };
    fireEvent.dragOver(window, { dataTransfer });
    expect(window.hasAttribute('data-dragging')).toBe(true);
    fireEvent.drop(window, { dataTransfer });
    expect(window.hasAttribute('data-dragging')).toBe(false);
    await waitFor(() => expect(session.callsOf('sendFile').map((c) => c.name)).toEqual(['pasted.png', 'dropped.png']));
  });

  it('shows no Attach button and ignores drops when file sharing is off', () => {
    renderWidget({ open: true });
    expect(screen.queryByRole('button', { name: 'Attach file' })).toBeNull();
    const window = screen.getByRole('dialog', { name: 'Chat' });
    fireEvent.dragOver(window, { dataTransfer: { types: ['Files'], files: [] } });
    expect(window.hasAttribute('data-dragging')).toBe(false);
  });

  it('an uploading file shows its thumbnail, a progress bar and Cancel', async () => {
    const preview = 'data:image/png;base64,iVBORw0KGgo=';
    const { session, user } = renderWidget({ open: true, filePolicy: { ...POLICY, types: [...POLICY.types] }, chat: { timeline: [uploading('c1', 'dot.png', preview)] } });
    act(() => session.setUpload('c1', { phase: 'uploading', loaded: 25, total: 100 }));
    const log = screen.getByRole('log');
    expect((await within(log).findByRole('img', { name: 'dot.png' })).getAttribute('src')).toBe(preview);
    expect(within(log).getByRole('progressbar', { name: 'Uploading dot.png' }).getAttribute('value')).toBe('25');
    await user.click(within(log).getByRole('button', { name: 'Cancel sending dot.png' }));
    expect(session.callsOf('cancelUpload')).toEqual([{ method: 'cancelUpload', clientId: 'c1' }]);
    act(() => session.setUpload('c1', { phase: 'publishing', loaded: 100, total: 100 }));
    expect(within(log).queryByRole('button', { name: 'Cancel sending dot.png' })).toBeNull();
  });
});
