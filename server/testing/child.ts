// Child processes in tests: the echo bot, and stopping one and waiting for its exit.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** SIGTERM, then resolves once the process exited (at once when it already has). */
export async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export interface EchoBot {
  child: ChildProcess;
  /** Everything it printed so far. */
  log(): string;
}

/**
 * Starts server/agent/examples/echo-bot.mjs (node-agent-sdk) as the account's bot user, pointed at a
 * stand-in's TLS host and trusting its certificate; `env` adds settings (BOT_*, FRAME_TAP_FILE).
 */
export function spawnEchoBot(account: string, tls: { host: string; certFile: string }, env: Record<string, string> = {}, nodeArgs: string[] = []): EchoBot {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, 'server', 'agent', 'examples', 'echo-bot.mjs')], {
    cwd: root,
    env: { ...process.env, LP_ACCOUNT: account, LP_USER: 'bot', LP_PASS: 'parley', LP_CSDS: tls.host, NODE_EXTRA_CA_CERTS: tls.certFile, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return { child, log: () => out };
}
