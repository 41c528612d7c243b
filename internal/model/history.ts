// Changes over time: an image appeared, disappeared, got an update.
import type { Json } from './json.js';

export type HistoryKind = 'appeared' | 'disappeared' | 'update-found' | 'update-applied' | 'digest-changed';

/** Events the pipeline records; `appeared`/`disappeared` are recorded by the store itself. */
export interface HistoryEvent {
  readonly kind: Exclude<HistoryKind, 'appeared' | 'disappeared'>;
  readonly details?: unknown;
}

export interface HistoryEntry {
  readonly reference: string;
  readonly kind: HistoryKind;
  readonly at: number;
  readonly details: Json;
}
