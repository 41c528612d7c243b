// Whether a process is still there, from /proc (Linux): a zombie (state Z) has exited and only
// waits to be reaped, so it does not count as running.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

function stateIn(stat: string): string {
  // Fields after the parenthesised command: state, ppid, …
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
}

/** The state letter of `pid` (R, S, Z, …), undefined when there is no such process. */
export async function processState(pid: number): Promise<string | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat === undefined ? undefined : stateIn(stat);
}

/** True while `pid` exists and is not a zombie. */
export function isRunning(pid: number): boolean {
  try {
    return stateIn(readFileSync(`/proc/${pid}/stat`, 'utf8')) !== 'Z';
  } catch {
    return false;
  }
}
