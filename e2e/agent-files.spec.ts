// Files from the agent in Chromium: the agent sends a photo and a PDF (their bytes go into the
// stand-in's swift store); the widget asks ms.GenerateURLForDownloadFile for signed URLs and shows the
// photo inline (loaded, under the frame's CSP; a click opens the image viewer) and the PDF as a download link.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './support/fixtures';
import { png } from './support/png';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

test('the agent sends a photo and a PDF: the visitor sees the photo inline and a download link', async ({ page, control, chat, widget: w }) => {
  const { conversation, agent } = await chat.danaAnswers('Can you send the invoice?', 'Sure');
  await control.sendStoredFile(conversation.id, agent.id, 'Our shop front', 'PNG', png(64, 48, [36, 87, 214]));
  await control.sendStoredFile(conversation.id, agent.id, 'invoice-0042.pdf', 'PDF', PDF);

  const photo = w.log.getByRole('img', { name: 'Our shop front' });
  await expect(photo).toBeVisible();
  await expect(photo).toHaveAttribute('src', /\/v1\/AUTH_async-images\/.+\.PNG\?temp_url_sig=[0-9a-f]+&temp_url_expires=\d+$/);
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);
  await expect(w.log.getByRole('button', { name: 'View Our shop front' })).toHaveAttribute('aria-haspopup', 'dialog');

  const pdf = w.log.getByRole('link', { name: 'invoice-0042.pdf (PDF)' });
  await expect(pdf).toBeVisible();
  const href = (await pdf.getAttribute('href')) ?? '';
  expect(href).toMatch(/\.PDF\?temp_url_sig=/);
  const got = await page.request.get(href);
  expect(got.status()).toBe(200);
  expect(got.headers()['content-type']).toBe('application/pdf');
  expect(Buffer.from(await got.body())).toEqual(PDF);

  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
