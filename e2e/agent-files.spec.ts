// Files from the agent in Chromium: the agent sends a photo and a PDF (their bytes go into the
// stand-in's swift store); the widget asks ms.GenerateURLForDownloadFile for signed URLs and shows the
// photo inline (loaded, under the frame's CSP) and the PDF as a download link.
import AxeBuilder from '@axe-core/playwright';
import { deflateSync } from 'node:zlib';
import { expect, test } from './support/fixtures';

/** A real PNG of w×h pixels of one colour (made here, so no binary is checked in). */
function png(w: number, h: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = (crcTable[(c ^ x) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w }, () => rgb).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: h }, () => row)));
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

test('the agent sends a photo and a PDF: the visitor sees the photo inline and a download link', async ({ page, control, chat, widget: w }) => {
  const { conversation, agent } = await chat.danaAnswers('Can you send the invoice?', 'Sure');
  await control.sendStoredFile(conversation.id, agent.id, 'Our shop front', 'PNG', png(64, 48, [36, 87, 214]));
  await control.sendStoredFile(conversation.id, agent.id, 'invoice-0042.pdf', 'PDF', PDF);

  const photo = w.log.getByRole('img', { name: 'Our shop front' });
  await expect(photo).toBeVisible();
  await expect(photo).toHaveAttribute('src', /\/v1\/AUTH_async-images\/.+\.PNG\?temp_url_sig=[0-9a-f]+&temp_url_expires=\d+$/);
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(64);
  await expect(w.log.getByRole('link', { name: 'Open Our shop front full size' })).toHaveAttribute('target', '_blank');

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
