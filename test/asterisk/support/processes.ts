/** Child processes of the tier: far ends are killed outright (they keep no state worth a clean stop). */
import type { ChildProcess } from 'node:child_process';

/** SIGKILLs `proc` if it still runs and resolves once it has exited. */
export async function killAndWait(proc: ChildProcess | null): Promise<void> {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGKILL');
  await exited;
}
