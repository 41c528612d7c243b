// When re-checks are queued: every `interval()` (read again each round, so a changed setting takes
// effect without restarting anything), on a heartbeat of at most a minute, so that shortening the
// interval from an hour to five minutes does not wait out the hour first.
const HEARTBEAT_MS = 60_000;

export class RecheckTimer {
  readonly #interval: () => number;
  readonly #round: () => void;
  readonly #now: () => number;
  #timer: NodeJS.Timeout | undefined;
  #lastRound = 0;

  constructor(interval: () => number, round: () => void, now: () => number = Date.now) {
    this.#interval = interval;
    this.#round = round;
    this.#now = now;
  }

  start(): void {
    this.#lastRound = this.#now();
    this.#schedule();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    const wait = Math.min(this.#intervalMs() - (this.#now() - this.#lastRound), HEARTBEAT_MS);
    this.#timer = setTimeout(() => this.#tick(), Math.max(0, wait));
    // The timer alone never keeps a process alive: `scan` ends when its work is done.
    this.#timer.unref();
  }

  #tick(): void {
    if (this.#now() - this.#lastRound >= this.#intervalMs()) {
      this.#lastRound = this.#now();
      this.#round();
    }
    this.#schedule();
  }

  /** The setting as a usable delay: a wrong value (0, NaN) must not spin the timer. */
  #intervalMs(): number {
    const value = this.#interval();
    return Number.isFinite(value) && value >= 1 ? value : HEARTBEAT_MS;
  }
}
