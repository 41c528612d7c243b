// A step's log lines, kept in its record. Bounded so a chatty or looping step cannot grow a run
// record (and the store) without limit: lines past the cap are counted, not kept.

export type StepLogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface StepLogEntry {
  readonly at: string;
  readonly level: StepLogLevel;
  readonly attempt: number;
  readonly message: string;
}

export const MAX_LOG_ENTRIES = 200;
export const MAX_LOG_MESSAGE_CHARS = 2_000;

export class StepLog {
  readonly #entries: StepLogEntry[] = [];
  #dropped = 0;

  add(level: StepLogLevel, attempt: number, message: string): void {
    if (this.#entries.length >= MAX_LOG_ENTRIES) {
      this.#dropped += 1;
      return;
    }
    const text = String(message);
    const bounded =
      text.length > MAX_LOG_MESSAGE_CHARS ? `${text.slice(0, MAX_LOG_MESSAGE_CHARS)}… (truncated)` : text;
    this.#entries.push({ at: new Date().toISOString(), level, attempt, message: bounded });
  }

  /** A copy, so lines a step logs after its record was taken do not change that record. */
  snapshot(): { logs: StepLogEntry[]; logsDropped: number } {
    return { logs: [...this.#entries], logsDropped: this.#dropped };
  }
}
