// File sharing's storage side against the stand-in over real sockets and HTTP (protocol reference
// §7): ms.GenerateURLForUploadFile, a PUT of the bytes to the signed swift URL, then
// ms.GenerateURLForDownloadFile and a GET. Refusals as swift answers them: 401 for a wrong or
// expired signature, 413 for a file over the limit; a wrong type is refused before any URL exists.
// Every WebSocket frame is checked against LivePerson's schemas by the harness.
import { describe, expect, it } from 'vitest';
import { openConversation, standInForTests, type Harness } from '../testing/harness';

interface TempUrl {
  relativePath: string;
  queryParams: { temp_url_sig: string; temp_url_expires: string };
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d6c46d0000000049454e44ae426082', 'hex');
const signed = (h: Harness, t: TempUrl) => `${h.url}${t.relativePath}?temp_url_sig=${t.queryParams.temp_url_sig}&temp_url_expires=${t.queryParams.temp_url_expires}`;

async function uploadUrl(h: Harness, account: string, body: unknown) {
  const { client } = await h.consumer(account);
  return { client, resp: await client.request('ms.GenerateURLForUploadFile', body) };
}

describe('the swift store and its GenerateURL requests', () => {
  const h = standInForTests();

  it('uploads with the signed PUT URL (201), then downloads with a signed GET URL', async () => {
    const account = h.account();
    const { client, resp } = await uploadUrl(h, account, { fileSize: String(PNG.length), fileType: 'PNG' });
    expect(resp).toMatchObject({ code: 200, type: 'ms.GenerateURLResponse' });
    const up = resp.body as TempUrl;
    expect(up.relativePath).toMatch(new RegExp(`^/v1/AUTH_async-images/${account}/[0-9a-f-]{36}\\.PNG$`));
    expect(Number(up.queryParams.temp_url_expires) * 1000 - Date.now()).toBeGreaterThan(55_000);
    const put = await fetch(signed(h, up), { method: 'PUT', body: PNG, headers: { origin: 'https://shop.example' } });
    expect(put.status).toBe(201);
    expect(put.headers.get('access-control-allow-origin')).toBe('*');

    const down = await client.request('ms.GenerateURLForDownloadFile', { relativePath: up.relativePath });
    expect(down).toMatchObject({ code: 200, type: 'ms.GenerateURLResponse', body: { relativePath: up.relativePath } });
    const got = await fetch(signed(h, down.body as TempUrl));
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await got.arrayBuffer())).toEqual(PNG);
    // The upload URL does not read, nor the download URL write.
    expect((await fetch(signed(h, up))).status).toBe(401);
    expect((await fetch(signed(h, down.body as TempUrl), { method: 'PUT', body: PNG })).status).toBe(401);
  });

  it('answers the browser preflight for a PUT from the widget', async () => {
    const account = h.account();
    const { resp } = await uploadUrl(h, account, { fileSize: '10', fileType: 'JPG' });
    const pre = await fetch(signed(h, resp.body as TempUrl), { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'PUT' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toContain('PUT');
  });

  it('refuses a wrong signature, a missing one and a tampered expiry with 401', async () => {
    const { resp } = await uploadUrl(h, h.account(), { fileSize: String(PNG.length), fileType: 'PNG' });
    const up = resp.body as TempUrl;
    const sig = up.queryParams.temp_url_sig;
    const wrong = `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`;
    for (const url of [
      `${h.url}${up.relativePath}?temp_url_sig=${wrong}&temp_url_expires=${up.queryParams.temp_url_expires}`,
      `${h.url}${up.relativePath}?temp_url_expires=${up.queryParams.temp_url_expires}`,
      `${h.url}${up.relativePath}?temp_url_sig=${sig}&temp_url_expires=${Number(up.queryParams.temp_url_expires) + 3600}`,
      `${h.url}${up.relativePath.replace(/\.PNG$/, '.GIF')}?temp_url_sig=${sig}&temp_url_expires=${up.queryParams.temp_url_expires}`,
    ]) {
      expect((await fetch(url, { method: 'PUT', body: PNG })).status, url).toBe(401);
    }
  });

  it('refuses a file over the announced size or the 3 MB limit with 413', async () => {
    const account = h.account();
    const { client, resp } = await uploadUrl(h, account, { fileSize: '100', fileType: 'PNG' });
    expect((await fetch(signed(h, resp.body as TempUrl), { method: 'PUT', body: Buffer.alloc(101) })).status).toBe(413);
    const tooBig = await client.request('ms.GenerateURLForUploadFile', { fileSize: String(3 * 1024 * 1024 + 1), fileType: 'PNG' });
    expect(tooBig.code).toBe(413);
  });

  it('refuses a wrong type, a bad size and an unknown or foreign path before any URL exists', async () => {
    const account = h.account();
    const { client } = await h.consumer(account);
    // Off the schema on purpose: sent raw, past the harness's schema check of client frames.
    for (const [i, body] of [{ fileSize: '10', fileType: 'PDF' }, { fileSize: '10', fileType: 'EXE' }, { fileSize: '-1', fileType: 'PNG' }, { fileSize: 'ten', fileType: 'PNG' }, { fileType: 'PNG' }].entries()) {
      client.sendRaw(JSON.stringify({ kind: 'req', id: `bad${i}`, type: 'ms.GenerateURLForUploadFile', body }));
      const resp = await client.waitFor((f) => f.kind === 'resp' && f.reqId === `bad${i}`);
      expect(resp.kind === 'resp' && resp.code, JSON.stringify(body)).toBe(400);
    }
    expect((await client.request('ms.GenerateURLForDownloadFile', { relativePath: `/v1/AUTH_async-images/${account}/nothing.PNG` })).code).toBe(404);
    const other = await uploadUrl(h, h.account(), { fileSize: String(PNG.length), fileType: 'PNG' });
    const theirs = other.resp.body as TempUrl;
    expect((await fetch(signed(h, theirs), { method: 'PUT', body: PNG })).status).toBe(201);
    expect((await client.request('ms.GenerateURLForDownloadFile', { relativePath: theirs.relativePath })).code).toBe(404);
  });
});

describe('files from the agent (control API)', () => {
  const h = standInForTests();

  it('stores the bytes sent with a file in the swift store, where the visitor downloads them', async () => {
    const account = h.account();
    const { client } = await h.consumer(account);
    const conversationId = await openConversation(client);
    const control = h.control(account);
    const { dana } = await control.agents();
    await control.act(conversationId, 'accept', { agentId: dana.id });
    const sent = await control.act(conversationId, 'file', { agentId: dana.id, caption: 'A dot', fileType: 'PNG', data: PNG.toString('base64') });
    expect(sent.status).toBe(200);
    const { relativePath } = sent.body as { relativePath: string };
    expect(relativePath).toMatch(new RegExp(`^/v1/AUTH_async-images/${account}/.+\\.PNG$`));
    const down = await client.request('ms.GenerateURLForDownloadFile', { relativePath });
    expect(down.code).toBe(200);
    const got = await fetch(signed(h, down.body as TempUrl));
    expect(Buffer.from(await got.arrayBuffer())).toEqual(PNG);
    const bad = await fetch(`${h.url}/agent/api/${account}/conversations/${conversationId}/file`, { method: 'POST', body: JSON.stringify({ agentId: dana.id, caption: 'x', data: 'not base64!' }) });
    expect(bad.status).toBe(400);
  });
});

describe('the swift store with short-lived URLs', () => {
  const h = standInForTests({ swiftTtlMs: 1_000 });

  it('refuses an expired upload URL with 401', async () => {
    const { resp } = await uploadUrl(h, h.account(), { fileSize: String(PNG.length), fileType: 'GIF' });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await fetch(signed(h, resp.body as TempUrl), { method: 'PUT', body: PNG })).status).toBe(401);
  });
});
