import { describe, expect, it } from 'vitest';
import { createFileUrls } from './fileUrls';

function fakeConnection(answers: Array<{ code: number; body: unknown }>) {
  const requests: Array<{ type: string; body: unknown }> = [];
  return {
    requests,
    request: (type: string, body?: unknown) => {
      requests.push({ type, body });
      const next = answers.shift();
      return next ? Promise.resolve(next) : Promise.reject(new Error('no answer'));
    },
  };
}

const signed = (sig: string, expires: number) => ({ code: 200, body: { relativePath: '/v1/AUTH_async-images/acc/f.PNG', queryParams: { temp_url_sig: sig, temp_url_expires: String(expires) } } });

describe('download URLs of shared files', () => {
  it('asks ms.GenerateURLForDownloadFile and builds the swift URL; reuses it while it lives, asks again after', async () => {
    let now = 1_000_000;
    const connection = fakeConnection([signed('a b', 1_060), signed('second', 2_000)]);
    const files = createFileUrls({ connection, swiftBase: () => Promise.resolve('https://swift.example'), now: () => now });
    const path = '/v1/AUTH_async-images/acc/f.PNG';
    expect(await files.url(path)).toBe('https://swift.example/v1/AUTH_async-images/acc/f.PNG?temp_url_sig=a%20b&temp_url_expires=1060');
    expect(connection.requests).toEqual([{ type: 'ms.GenerateURLForDownloadFile', body: { relativePath: path } }]);
    now += 30_000;
    expect(await files.url(path)).toContain('temp_url_sig=a%20b');
    now += 25_000; // within 10 s of expiry: asked again
    expect(await files.url(path)).toContain('temp_url_sig=second');
    expect(connection.requests).toHaveLength(2);
  });

  it('refuses paths that are not storage paths, a missing swift host, and a refusal', async () => {
    const connection = fakeConnection([{ code: 404, body: 'no such file' }]);
    const files = createFileUrls({ connection, swiftBase: () => Promise.resolve('https://swift.example'), now: () => 0 });
    for (const bad of ['https://evil.example/x', '/v1/../secret', '/v1/x?y=1', '//evil.example/x', '']) await expect(files.url(bad)).rejects.toMatchObject({ kind: 'notFound' });
    await expect(files.url('/v1/AUTH_async-images/acc/none.PNG')).rejects.toMatchObject({ kind: 'refused' });
    const noSwift = createFileUrls({ connection, swiftBase: () => Promise.resolve(undefined), now: () => 0 });
    await expect(noSwift.url('/v1/AUTH_async-images/acc/f.PNG')).rejects.toMatchObject({ kind: 'notFound' });
    expect(connection.requests).toHaveLength(1);
  });
});
