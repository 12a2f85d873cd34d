// `npm run server`: the stand-in on PORT (default 7788), and with TLS on TLS_PORT when set (the
// certificate written to TLS_CERT_FILE, or a temp file); stops cleanly on SIGINT/SIGTERM.
import path from 'node:path';
import { frameAncestorsFromEnv } from './options';
import { startStandIn } from './standin';

const port = Number(process.env.PORT ?? 7788);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid PORT: ${process.env.PORT}`);
  process.exit(1);
}

// PARLEY_DIST: where the built page and console are (default dist/).
const staticDir = process.env.PARLEY_DIST ? path.resolve(process.env.PARLEY_DIST) : undefined;
// PARLEY_FRAME_ANCESTORS: other origins allowed to embed frame.html (space-separated; default none).
let frameAncestors: string[];
try {
  frameAncestors = frameAncestorsFromEnv(process.env.PARLEY_FRAME_ANCESTORS);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
const tlsPort = process.env.TLS_PORT === undefined || process.env.TLS_PORT === '' ? undefined : Number(process.env.TLS_PORT);
if (tlsPort !== undefined && (!Number.isInteger(tlsPort) || tlsPort < 0 || tlsPort > 65535)) {
  console.error(`Invalid TLS_PORT: ${process.env.TLS_PORT}`);
  process.exit(1);
}
const tls = tlsPort === undefined ? undefined : { port: tlsPort, ...(process.env.TLS_CERT_FILE ? { certFile: process.env.TLS_CERT_FILE } : {}) };
const standIn = await startStandIn({ port, staticDir, frameAncestors, ...(tls ? { tls } : {}) });
console.log(`Parley stand-in LivePerson listening on ${standIn.url}`);
console.log(`  widget demo page: ${standIn.url}/`);
// The demo page (index.html) talks on account "demo" unless told otherwise: the console opens on it.
console.log(`  agent console:    ${standIn.url}/agent/?account=demo`);
console.log(`  messaging (ws):   ws://${standIn.host}/ws_api/account/{account}/messaging/consumer?v=3`);
if (standIn.tls) {
  console.log(`  with TLS:         ${standIn.tls.url} (csdsDomain for node-agent-sdk: ${standIn.tls.host})`);
  console.log(`  TLS certificate:  ${standIn.tls.certFile} (trust it with NODE_EXTRA_CA_CERTS)`);
}
console.log(`  Genesys demo:     ${standIn.url}/?backend=genesys&service=customer-support`);
console.log(`  Genesys console:  ${standIn.url}/agent/genesys.html (dana, sam or morgan; password parley)`);
console.log(`  Genesys GMS:      ${standIn.url}/genesys/cometd, channel /service/chatV2/{service}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the stand-in…`);
    standIn.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  });
}
