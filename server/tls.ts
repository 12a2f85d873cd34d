// A self-signed TLS certificate for 127.0.0.1 and localhost, made when the stand-in starts and never
// committed. Node 20's crypto can make keys but not X.509 certificates, so the `openssl` CLI signs it.
// Clients trust it through NODE_EXTRA_CA_CERTS (the PEM file written here), never by turning checks off.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export interface TlsCertificate {
  key: string;
  cert: string;
  /** Where the certificate (PEM, no key) was written. */
  certFile: string;
  /** Removes the certificate when it was written to a temp file (a named file is left in place). */
  dispose(): Promise<void>;
}

const run = promisify(execFile);

/** Makes the key and certificate (valid 2 days) and writes the certificate to `certFile` (default: a temp file). */
export async function makeCertificate(certFile?: string): Promise<TlsCertificate> {
  const dir = await mkdtemp(path.join(tmpdir(), 'parley-tls-'));
  const keyFile = path.join(dir, 'key.pem');
  const out = path.join(dir, 'cert.pem');
  try {
    await run('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', keyFile, '-out', out, '-days', '2', '-subj', '/CN=Parley stand-in (localhost)',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ]);
    const [key, cert] = await Promise.all([readFile(keyFile, 'utf8'), readFile(out, 'utf8')]);
    const target = certFile ? path.resolve(certFile) : out;
    if (certFile) await writeFile(target, cert, { mode: 0o644 });
    await rm(keyFile, { force: true });
    if (certFile) await rm(dir, { recursive: true, force: true });
    const dispose = async () => {
      if (!certFile) await rm(dir, { recursive: true, force: true });
    };
    return { key, cert, certFile: target, dispose };
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'the openssl command was not found' : (e as Error).message;
    throw new Error(`stand-in: could not make the TLS certificate (${why})`, { cause: e });
  }
}
