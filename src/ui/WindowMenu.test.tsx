// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ChatWindow } from './ChatWindow';
import { ParleyRoot } from './ParleyRoot';
import { createFakeSession } from './testing/fakeSession';
import type { CueSettings } from './WindowMenu';

function renderWith(cues?: CueSettings) {
  render(
    <ParleyRoot session={createFakeSession()}>
      <ChatWindow open onClose={() => undefined} cues={cues} />
    </ParleyRoot>,
  );
  return userEvent.setup();
}

describe('the window’s menu', () => {
  it('is there only with cue settings', () => {
    renderWith();
    expect(screen.queryByRole('button', { name: 'Chat options' })).toBeNull();
  });

  it('switches the sound, and asks for notifications only when the visitor clicks; Escape closes the menu, not the window', async () => {
    const setSound = vi.fn();
    const ask = vi.fn(() => Promise.resolve('granted' as NotificationPermission));
    const user = renderWith({ sound: false, setSound, notifications: { permission: 'default', ask } });
    const menu = screen.getByRole('button', { name: 'Chat options' });
    expect(menu.getAttribute('aria-expanded')).toBe('false');
    await user.click(menu);
    expect(menu.getAttribute('aria-expanded')).toBe('true');
    const sound = screen.getByRole('checkbox', { name: 'Sound for new messages' }) as HTMLInputElement;
    expect(sound.checked).toBe(false);
    await user.click(sound);
    expect(sound.checked).toBe(true);
    expect(setSound).toHaveBeenLastCalledWith(true);
    expect(ask).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Turn on desktop notifications' }));
    expect(ask).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('Desktop notifications are on')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(menu.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByRole('dialog', { name: 'Chat' })).toBeTruthy();
  });
});
