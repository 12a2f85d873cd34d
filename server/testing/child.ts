// Child processes in tests: stop one and wait for its exit.
import type { ChildProcess } from 'node:child_process';

/** SIGTERM, then resolves once the process exited (at once when it already has). */
export async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
