// The Engine API's event stream (GET /events), filtered to the container actions that change what
// runs. The daemon writes one JSON object per line for as long as the connection lives
// (https://docs.docker.com/reference/api/engine/version/v1.41/#tag/System/operation/SystemEvents);
// Podman's compatible API writes the same shape.
import type Dockerode from 'dockerode';

/**
 * Actions after which a container's node may differ (it appeared, changed state, or went).
 * Podman 4 filters on its own event names, not on the Docker names it writes: `died` for `die`
 * and `remove` for `destroy` (seen on Podman 4.3's compat /events); dockerd ignores those two.
 */
const WATCHED_ACTIONS = ['create', 'start', 'die', 'died', 'destroy', 'remove', 'rename', 'pause', 'unpause'];

interface EngineEvent {
  readonly Type?: string;
  readonly Action?: string;
  readonly Actor?: { readonly ID?: string };
}

export interface ContainerEventStream {
  /** Resolves with why the stream ended: the daemon stopped, the socket broke, or it was aborted. */
  readonly ended: Promise<string>;
}

/**
 * Opens the stream; resolves once the daemon accepted it. `onChange` gets the id of each container
 * an event names. Aborting `signal` closes the request.
 */
export async function watchContainerEvents(
  docker: Dockerode,
  onChange: (containerId: string) => void,
  signal: AbortSignal,
): Promise<ContainerEventStream> {
  const options = { filters: { type: ['container'], event: WATCHED_ACTIONS }, abortSignal: signal };
  const stream = await docker.getEvents(options as Dockerode.GetEventsOptions);
  let buffered = '';
  stream.on('data', (chunk: Buffer | string) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const id = containerIdOf(line);
      if (id !== undefined) onChange(id);
    }
  });
  const ended = new Promise<string>((resolve) => {
    stream.once('end', () => resolve('the daemon closed the event stream'));
    stream.once('close', () => resolve('the event stream was closed'));
    stream.once('error', (error: Error) => resolve(signal.aborted ? 'stopped' : error.message));
  });
  return { ended };
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
