// The renderer's state, one store per resource, made once per window over the bridge. Pages and
// components read stores and call their methods; only the stores talk to the bridge, and only the
// live feed listens to its events (docs/ui.md "State").
import type { CupdateBridge } from '../../../internal/api/contract.js';
import { FindingsStore } from './findings.svelte.js';
import { GraphStore } from './graph.svelte.js';
import { ImageChecksStore } from './image-checks.js';
import { ImagesStore } from './images.js';
import { LiveFeed, type LiveStores } from './live-feed.js';
import { PlatformsStore } from './platforms.svelte.js';
import { ProgressStore } from './progress.svelte.js';
import { ReportStore } from './report.svelte.js';
import { SettingsStore } from './settings.svelte.js';
import { SummaryStore } from './summary.svelte.js';

/** The live stores (kept current by the live feed), and the ones pages ask on demand. */
export interface Stores extends LiveStores {
  /** The image list and image pages. */
  readonly images: ImagesStore;
  readonly settings: SettingsStore;
  readonly report: ReportStore;
  /** Stops listening to the bridge. */
  dispose(): void;
}

/** Makes the stores and starts them: the first snapshot, the summary and the findings are asked for at once. */
export function createStores(bridge: CupdateBridge): Stores {
  const checks = new ImageChecksStore();
  const graph = new GraphStore((): Promise<void> => feed.refetch());
  const summary = new SummaryStore(bridge);
  const platforms = new PlatformsStore(bridge);
  const progress = new ProgressStore();
  const findings = new FindingsStore(bridge);
  const feed = new LiveFeed(bridge, { graph, checks, summary, platforms, progress, findings });
  void feed.start();
  void summary.load();
  void findings.load();
  return {
    graph,
    checks,
    summary,
    platforms,
    progress,
    findings,
    images: new ImagesStore(bridge, checks),
    settings: new SettingsStore(bridge),
    report: new ReportStore(bridge),
    dispose: () => feed.dispose(),
  };
}
