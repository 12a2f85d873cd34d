// The visitor's files against the in-process stand-in over real sockets and HTTP (protocol reference
// §7): ms.GenerateURLForUploadFile, the PUT of the bytes to the signed swift URL, then the hosted/file
// ContentEvent through the outbox, at most once (ExternalId). Checked before upload (type, size),
// cancel, retry, an expired upload URL, and the account's file sharing switched off. Every frame is
// checked against LivePerson's schemas by the harness.
import { describe, expect, it } from 'vitest';
import type { ChatSession } from '../core/session';
import type { MessageRow } from './testing/sessionFixture';
import { online, sessionFixture, startConversation } from './testing/sessionFixture';
import { eventually, waitForSnapshot } from './testing/standinHarness';
import { defaultSwiftPut, type SwiftPut } from './swiftPut';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d6c46d0000000049454e44ae426082', 'hex');
const PREVIEW = `data:image/png;base64,${PNG.toString('base64')}`;
const png = (name = 'dot.png', bytes: Buffer = PNG) => new File([new Uint8Array(bytes)], name, { type: 'image/png' });
const realPut = defaultSwiftPut();

const fileRows = (s: ChatSession) => s.getSnapshot().chat.timeline.filter((r): r is MessageRow => r.kind === 'message' && r.body.kind === 'file');

function filesFixture(standIn?: { swiftTtlMs: number }) {
  const f = sessionFixture(standIn ? { standIn } : {});
  const { h } = f;
  const frames = (type: string) => h.sent.filter((x) => x.type === type);
  const filePublishes = () => frames('ms.PublishEvent').filter((x) => (x.body?.event as { contentType?: string }).contentType === 'hosted/file');
  const consumerFiles = async (account: string, conversationId: string) => {
    const d = await h.control(account).conversation(conversationId);
    return Object.values(d.transcript).flat().filter((e) => e.role === 'CONSUMER' && (e.event as { contentType?: string }).contentType === 'hosted/file');
  };
  return { ...f, frames, filePublishes, consumerFiles };
}

describe('LivePerson session: the visitor sends a file', () => {
  const { h, open, create, frames, filePublishes, consumerFiles } = filesFixture();

  it('uploads it (GenerateURLForUploadFile, PUT 201) and publishes the hosted/file once, with ExternalId and the preview', async () => {
    const account = h.account();
    const puts: Array<{ url: string; status: number }> = [];
    const put: SwiftPut = async (url, body, options) => {
      const status = await realPut(url, body, options);
      puts.push({ url, status });
      return status;
    };
    const s = open(account, { put });
    const c = await startConversation(s, 'Here is the photo');
    expect(s.files?.policy()).toEqual({ types: ['JPG', 'PNG', 'GIF'], maxBytes: 3 * 1024 * 1024 });
    await s.files?.send(png(), { preview: PREVIEW });

    expect(frames('ms.GenerateURLForUploadFile').map((x) => x.body)).toEqual([{ fileSize: String(PNG.length), fileType: 'PNG' }]);
    expect(puts).toHaveLength(1);
    expect(puts[0]?.status).toBe(201);
    expect(puts[0]?.url).toMatch(new RegExp(`^${h.standIn.url}/v1/AUTH_async-images/${account}/[0-9a-f-]{36}\\.PNG\\?temp_url_sig=[0-9a-f]+&temp_url_expires=\\d+$`));
    const [publish] = filePublishes();
    const relativePath = new URL(puts[0]?.url ?? '').pathname;
    expect(publish?.body?.event).toEqual({ type: 'ContentEvent', contentType: 'hosted/file', message: { caption: 'dot.png', relativePath, fileType: 'PNG', preview: PREVIEW } });
    const row = fileRows(s)[0];
    expect(publish?.metadata).toEqual([{ type: 'ExternalId', id: row?.clientId }]);
    expect(row).toMatchObject({ originator: 'consumer', receipt: 'sent', body: { kind: 'file', path: relativePath, caption: 'dot.png', fileType: 'PNG' } });
    expect(await consumerFiles(account, c)).toHaveLength(1);
    // The bytes are in the storage: the widget's own download URL gets them back.
    const got = await fetch(await (s.fileUrl as (p: string) => Promise<string>)(relativePath));
    expect(Buffer.from(await got.arrayBuffer())).toEqual(PNG);
    // ClientProperties announced the file sharing.
    const init = frames('InitConnection')[0] as { headers?: Array<{ features?: string[] }> };
    expect(init.headers?.[0]?.features).toEqual(expect.arrayContaining(['PHOTO_SHARING', 'FILE_SHARING']));
  });

  it('refuses a wrong type or a file too big before anything is shown or sent', async () => {
    const account = h.account();
    const s = open(account);
    await online(s);
    const cases: Array<[File, string]> = [
      [new File(['MZ...'], 'setup.exe', { type: 'application/x-msdownload' }), 'fileType'],
      [new File(['<html>'], 'photo.png', { type: 'image/png' }), 'fileType'], // a PNG by name only
      [new File([], 'empty.png', { type: 'image/png' }), 'fileType'],
      [new File(['%PDF-1.4'], 'invoice.pdf', { type: 'application/pdf' }), 'fileType'], // not in the default types
      [png('huge.png', Buffer.concat([PNG, Buffer.alloc(3 * 1024 * 1024)])), 'fileTooBig'],
    ];
    for (const [file, kind] of cases) await expect(s.files?.send(file), file.name).rejects.toMatchObject({ kind });
    expect(s.getSnapshot().chat.timeline).toEqual([]);
    expect(frames('ms.GenerateURLForUploadFile')).toEqual([]);
    expect(filePublishes()).toEqual([]);
  });

  it('cancel mid-upload sends nothing and removes the bubble', async () => {
    const account = h.account();
    let started!: () => void;
    const putStarted = new Promise<void>((resolve) => (started = resolve));
    const put: SwiftPut = (_url, _body, { signal }) =>
      new Promise((_resolve, reject) => {
        started();
        signal?.addEventListener('abort', () => reject(new Error('aborted')));
      });
    const s = open(account, { put });
    const c = await startConversation(s, 'hello');
    const sending = s.files?.send(png());
    await putStarted;
    const row = fileRows(s)[0];
    expect(row?.receipt).toBe('pending');
    expect(s.files?.progress(row?.clientId as string)).toMatchObject({ phase: 'uploading', total: PNG.length });
    s.files?.cancel(row?.clientId as string);
    await expect(sending).rejects.toMatchObject({ kind: 'cancelled' });
    expect(fileRows(s)).toEqual([]);
    await s.send('after');
    expect(filePublishes()).toEqual([]);
    expect(await consumerFiles(account, c)).toEqual([]);
  });

  it('a failed upload shows Retry; Retry uploads again with a new URL and publishes it once', async () => {
    const account = h.account();
    let failures = 1;
    const put: SwiftPut = (url, body, options) => (failures-- > 0 ? Promise.resolve(503) : realPut(url, body, options));
    const s = open(account, { put });
    const c = await startConversation(s, 'hello');
    await expect(s.files?.send(png())).rejects.toMatchObject({ kind: 'network' });
    const failed = fileRows(s)[0];
    expect(failed?.receipt).toBe('failed');
    expect(filePublishes()).toEqual([]);
    await s.retry(failed?.key as string);
    expect(frames('ms.GenerateURLForUploadFile')).toHaveLength(2);
    expect(fileRows(s).map((r) => r.receipt)).toEqual(['sent']);
    expect(filePublishes()).toHaveLength(1);
    expect(await consumerFiles(account, c)).toHaveLength(1);
  });

  it('words a storage failure as the one classifier does: 429 and 5xx may pass (network), another 4xx is refused', async () => {
    const account = h.account();
    const statuses = [429, 400];
    const put: SwiftPut = () => Promise.resolve(statuses.shift() ?? 500);
    const s = open(account, { put });
    await startConversation(s, 'hello');
    await expect(s.files?.send(png())).rejects.toMatchObject({ kind: 'network' });
    await expect(s.files?.send(png())).rejects.toMatchObject({ kind: 'refused' });
    expect(fileRows(s).map((r) => r.receipt)).toEqual(['failed', 'failed']);
    expect(filePublishes()).toEqual([]);
  });

  it('publishes at most once across a dropped socket: the replayed history reconciles it by ExternalId', async () => {
    const account = h.account();
    // Once the bytes are stored, the server stops answering: the publish gets no response in time.
    const put: SwiftPut = async (url, body, options) => {
      const status = await realPut(url, body, options);
      await h.faults.set({ delayMs: 2_000 });
      return status;
    };
    const s = open(account, { put, connection: { requestTimeoutMs: 400 } });
    const c = await startConversation(s, 'hello');
    const sending = s.files?.send(png());
    await eventually(async () => (await consumerFiles(account, c)).length === 1, 6_000, 'the file stored');
    await h.faults.clear();
    await sending;
    await waitForSnapshot(s, (x) => x.connection.status === 'online' && fileRows(s)[0]?.receipt === 'sent');
    expect(filePublishes()).toHaveLength(1);
    expect(await consumerFiles(account, c)).toHaveLength(1);
    expect(fileRows(s)).toHaveLength(1);
  });

  it('honours the account with file sharing off: the upload is refused, and the policy goes (no Attach)', async () => {
    const account = h.account();
    await h.control(account).putSettings({ fileSharing: false });
    const s = open(account);
    await startConversation(s, 'hello');
    await expect(s.files?.send(png())).rejects.toMatchObject({ kind: 'filesOff' });
    expect(s.files?.policy()).toBeUndefined();
    expect(fileRows(s)).toEqual([]); // no "Not sent" bubble: it could never go
    expect(filePublishes()).toEqual([]);
  });

  it('with the wider file sharing configured (FILE_SHARING), a PDF goes through on an account that allows it', async () => {
    const account = h.account();
    await h.control(account).putSettings({ fileTypes: ['PNG', 'PDF'] });
    const s = create({ account, fileTypes: ['PNG', 'PDF'] });
    s.start();
    await startConversation(s, 'the invoice');
    await s.files?.send(new File(['%PDF-1.4\n%%EOF\n'], 'invoice.pdf', { type: 'application/pdf' }));
    expect(frames('ms.GenerateURLForUploadFile').map((x) => x.body)).toEqual([{ fileSize: '15', fileType: 'PDF' }]);
    expect(filePublishes().map((x) => (x.body?.event as { message: { fileType: string } }).message.fileType)).toEqual(['PDF']);
  });
});

describe('LivePerson session: an expired upload URL', () => {
  const { h, open, frames, filePublishes } = filesFixture({ swiftTtlMs: 1_000 });

  it('asks a new upload URL when the PUT answers 401 (expired), and PUTs again', async () => {
    const account = h.account();
    const statuses: number[] = [];
    let first = true;
    const put: SwiftPut = async (url, body, options) => {
      if (first) await new Promise((resolve) => setTimeout(resolve, 2_100)); // the first URL expires meanwhile
      first = false;
      const status = await realPut(url, body, options);
      statuses.push(status);
      return status;
    };
    const s = open(account, { put });
    await startConversation(s, 'hello');
    await s.files?.send(png());
    expect(statuses).toEqual([401, 201]);
    expect(frames('ms.GenerateURLForUploadFile')).toHaveLength(2);
    expect(filePublishes()).toHaveLength(1);
  });
});
