// The Engine API's event stream (GET /events), filtered to the container actions that change what
// runs. The daemon writes one JSON object per line for as long as the connection lives
// (https://docs.docker.com/reference/api/engine/version/v1.41/#tag/System/operation/SystemEvents);
// Podman's compatible API writes the same shape.
//
// Staying alive: /events sends nothing while nothing happens, so silence alone cannot tell an idle
// daemon from a dead peer or a proxy that swallows the stream. A probe on another connection
// (/_ping) would not tell either: the event stream's own connection is the one that may be dead.
// So the stream is asked in windows: each request carries `until` (the daemon's clock, from
// /info's SystemTime), and the daemon ends the response when that time comes. A window that ends
// on time is the daemon saying "still here" on that very connection; the next window starts with
// `since` the last one's `until`, so the daemon replays anything in between and no event is lost.
// A window still open `graceMs` after its end is stalled: the stream is given up.
import type Dockerode from 'dockerode';
import { durationText } from '../duration-text.js';

/**
 * Actions after which a container's node may differ (it appeared, changed state, or went).
 * Podman 4 filters on its own event names, not on the Docker names it writes: `died` for `die`
 * and `remove` for `destroy` (seen on Podman 4.3's compat /events); dockerd ignores those two.
 */
const WATCHED_ACTIONS = ['create', 'start', 'die', 'died', 'destroy', 'remove', 'rename', 'pause', 'unpause'];
// A daemon that ends windows early this many times in a row is not honouring `until`.
const MAX_EARLY_ENDS = 3;

interface EngineEvent {
  readonly Type?: string;
  readonly Action?: string;
  readonly Actor?: { readonly ID?: string };
}

export interface EventWindows {
  /** How long each request asks the daemon to keep the stream open (`until`). */
  readonly windowMs: number;
  /** How long past a window's end it may still be open before the stream counts as stalled. */
  readonly graceMs: number;
  /** The daemon's clock minus ours, in ms (from /info's SystemTime), so `until` means what we mean. */
  readonly clockOffsetMs: number;
}

export const DEFAULT_EVENT_WINDOWS = { windowMs: 30_000, graceMs: 10_000 } as const;

export interface ContainerEventStream {
  /** Resolves with why the stream ended: the daemon went away, the stream stalled, or it was aborted. */
  readonly ended: Promise<string>;
}

type WindowEnd = { readonly kind: 'on-time' | 'early' } | { readonly kind: 'lost'; readonly why: string };

/**
 * Opens the stream; resolves once the daemon accepted the first window. `onChange` gets the id of
 * each container an event names. Aborting `signal` closes the request.
 */
export async function watchContainerEvents(
  docker: Dockerode,
  onChange: (containerId: string) => void,
  signal: AbortSignal,
  windows: EventWindows,
): Promise<ContainerEventStream> {
  const daemonNow = () => Date.now() + windows.clockOffsetMs;
  const open = async (since: number | undefined) => {
    // Whole seconds: the daemon reads a fractional part as nanoseconds only when zero-padded.
    const until = Math.ceil((daemonNow() + windows.windowMs) / 1000);
    const window = new AbortController();
    const options = {
      filters: { type: ['container'], event: WATCHED_ACTIONS },
      ...(since === undefined ? {} : { since }),
      until,
      abortSignal: AbortSignal.any([signal, window.signal]),
    };
    const stream = await docker.getEvents(options as Dockerode.GetEventsOptions);
    return { stream, until, window };
  };

  let current = await open(undefined);
  const ended = (async (): Promise<string> => {
    let early = 0;
    for (;;) {
      const end = await follow(current.stream, current.until, current.window, onChange, windows);
      if (signal.aborted) return 'stopped';
      if (end.kind === 'lost') return end.why;
      early = end.kind === 'early' ? early + 1 : 0;
      if (early >= MAX_EARLY_ENDS)
        return `the daemon ended the event stream early ${early} times in a row; it does not honour "until"`;
      try {
        current = await open(current.until);
      } catch (error) {
        return signal.aborted ? 'stopped' : (error as Error).message;
      }
    }
  })();
  return { ended };
}

/** Reads one window until the daemon ends it, it breaks, or it stalls. */
function follow(
  stream: NodeJS.ReadableStream,
  until: number,
  window: AbortController,
  onChange: (containerId: string) => void,
  windows: EventWindows,
): Promise<WindowEnd> {
  const endsAt = until * 1000 - windows.clockOffsetMs;
  return new Promise((resolve) => {
    let buffered = '';
    let settled = false;
    const settle = (end: WindowEnd) => {
      if (settled) return;
      settled = true;
      clearTimeout(stall);
      resolve(end);
    };
    const stall = setTimeout(
      () => {
        settle({
          kind: 'lost',
          why: `the event stream stalled: the daemon did not end its ${durationText(windows.windowMs)} window within ${durationText(windows.graceMs)}`,
        });
        window.abort();
      },
      Math.max(0, endsAt + windows.graceMs - Date.now()),
    );
    stream.on('data', (chunk: Buffer | string) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const id = containerIdOf(line);
        if (id !== undefined) onChange(id);
      }
    });
    // A second of slack: `until` is rounded up to whole seconds and the clocks were read apart.
    stream.once('end', () => settle({ kind: Date.now() < endsAt - 1000 ? 'early' : 'on-time' }));
    stream.once('close', () => settle({ kind: 'lost', why: 'the event stream was closed' }));
    stream.once('error', (error: Error) => settle({ kind: 'lost', why: error.message }));
  });
}

function containerIdOf(line: string): string | undefined {
  if (line.trim() === '') return undefined;
  let event: EngineEvent;
  try {
    event = JSON.parse(line) as EngineEvent;
  } catch {
    return undefined; // not an event; the next line is
  }
  if (event.Type !== 'container' || event.Action === undefined) return undefined;
  return event.Actor?.ID;
}
