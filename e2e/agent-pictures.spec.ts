// Agent pictures in Chromium: the stand-in's profile API gives each agent a picture (a small
// data:image/svg+xml), which shows in the window's header and beside the first bubble of the
// agent's run of messages, loaded under the frame's CSP (img-src 'self' data:).
import { expect, test } from './support/fixtures';

test("the agent's picture shows in the header and beside the first bubble of a run", async ({ control, chat, widget: w }) => {
  const { conversation, agent } = await chat.danaAnswers('Hello there', 'Dana here');
  await control.say(conversation.id, agent.id, 'How can I help?');
  await expect(w.agentMessage('How can I help?')).toBeVisible();
  const header = w.dialog.locator('.parley-header');
  await expect(header.getByRole('heading', { name: 'Dana' })).toBeVisible();
  const headerPicture = header.locator('.parley-avatar img');
  await expect(headerPicture).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
  await expect.poll(() => headerPicture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  // One sender line for the run of two messages, with the picture beside the name.
  const senders = w.log.locator('.parley-sender');
  await expect(senders).toHaveCount(1);
  await expect(senders).toHaveText('Dana');
  await expect(senders.locator('img')).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
  // Decorative: the picture is hidden from assistive technology; the name is the text.
  await expect(header.locator('.parley-avatar')).toHaveAttribute('aria-hidden', 'true');
});
