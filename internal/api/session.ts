// What one user has open: the running App over the platforms they selected, their settings and
// rules, and the live event source every host streams from. Selecting other platforms builds them
// first (a bad choice fails with nothing stopped), then stops the old App (its watches and sockets
// with it) and starts a new one on the same data directory, and tells the clients `graph-reset`.
import { homedir } from 'node:os';
import { ApiError } from './api-error.js';
import type {
  ApiResult,
  Discovery,
  ImageRule,
  ImageUpdateView,
  PlatformSelection,
  PlatformView,
  RecentUpdateView,
  ReportExport,
  ReportExportRequest,
  Settings,
  SettingsChange,
  Snapshot,
} from './contract.js';
import { LiveEvents, type ApiListener, type LiveEventsOptions } from './live-events.js';
import { buildPlatforms, describePlatforms, type DiscoveryPlace } from './platform-factory.js';
import { QueueCounts } from './queue-counts.js';
import { exportReport } from './report-export.js';
import type { SecretStore } from './secret-store.js';
import { UserSettings } from './user-settings.js';
import { createApp, UnknownImageError, type App, type AppOptions, type RegistrySettings } from '../app.js';
import { resolveOptions } from '../app/options.js';
import type { Platform } from '../platform/platform.js';
import type { UserRule } from '../app/user-rules.js';
import { listAllImages } from '../store/list-all-images.js';
import { openStore, type Store } from '../store/store.js';
import type { ImageDetails, UpdateKind } from '../model/image.js';
import type { ImagePage, ListImagesQuery } from '../model/image-query.js';
import type { StoreSummary } from '../model/summary.js';

export interface SessionOptions {
  /** The App's data directory (`:memory:` keeps nothing); settings and rules are kept there too. */
  readonly dataDir: string;
  readonly secrets: SecretStore;
  /** The platforms to start with; default: the ones selected last time, else none. */
  readonly selection?: PlatformSelection;
  readonly registry?: RegistrySettings;
  /** Where discovery looks; default this process's environment and home directory. */
  readonly place?: DiscoveryPlace;
  /** Passed on to every App the session creates. */
  readonly app?: Omit<AppOptions, 'dataDir' | 'platforms' | 'registry' | 'recheckIntervalMs'>;
  readonly events?: Pick<LiveEventsOptions, 'patchWindowMs' | 'summaryIntervalMs'>;
}

const NO_PLATFORMS: PlatformSelection = { dockerEndpoints: [], kubeContexts: [], staticLists: [] };

export async function openSession(options: SessionOptions): Promise<Session> {
  // A second connection to the App's database: the App does not expose its store, and settings
  // must outlive the App across switches. WAL mode lets both connections work side by side.
  const store = openStore(resolveOptions({ dataDir: options.dataDir, platforms: [] }).databasePath);
  const session = new Session(options, store);
  try {
    await session.selectPlatforms(options.selection ?? session.storedSelection() ?? NO_PLATFORMS);
  } catch (error) {
    await session.close();
    throw error;
  }
  return session;
}

export class Session {
  readonly #options: SessionOptions;
  readonly #place: DiscoveryPlace;
  readonly #store: Store;
  readonly #settings: UserSettings;
  readonly #live: LiveEvents;
  #app: App | undefined;
  #selection: PlatformSelection = NO_PLATFORMS;
  #queue = new QueueCounts();
  #unsubscribe: (() => void)[] = [];
  /** Switches and close run one at a time, in call order. */
  #turn: Promise<unknown> = Promise.resolve();
  #closed = false;
  /**
   * The user's rules as the App applies them, compiled once: the App asks for them every time it
   * schedules an image, so they are read again only when a rule changes.
   */
  #userRules: readonly UserRule[];

  /** Use openSession. */
  constructor(options: SessionOptions, store: Store) {
    this.#options = options;
    this.#place = options.place ?? { env: process.env, homeDir: homedir() };
    this.#store = store;
    this.#settings = new UserSettings(store, options.secrets);
    this.#userRules = this.#settings.userRules();
    this.#live = new LiveEvents({ ...options.events, summary: () => this.#currentSummary() });
  }

  storedSelection(): PlatformSelection | undefined {
    return this.#settings.selection();
  }

  subscribe(listener: ApiListener): () => void {
    return this.#live.subscribe(listener);
  }

  snapshot(): Snapshot {
    const app = this.#requireApp('snapshot');
    // Pending patches are already in app.graph(): send them first, so the snapshot's sequence covers them.
    this.#live.flush();
    return {
      sequence: this.#live.sequence,
      graph: app.graph(),
      summary: app.summary(),
      platforms: this.platforms(),
      queue: this.#queue.counts(),
      images: imageUpdates(app),
    };
  }

  summary(): StoreSummary {
    return this.#requireApp('summary').summary();
  }

  listImages(query: ListImagesQuery): ImagePage {
    return this.#requireApp('listImages').listImages(query);
  }

  exportReport(request: ReportExportRequest): ReportExport {
    return exportReport(this.#requireApp('exportReport'), request);
  }

  recentUpdates(limit: number): RecentUpdateView[] {
    return this.#requireApp('recentUpdates')
      .recentUpdates(limit)
      .map(({ reference, at, details }) => {
        const found = (details ?? {}) as { kind?: UpdateKind; latestReference?: string | null };
        return { reference, at, kind: found.kind ?? null, latestReference: found.latestReference ?? null };
      });
  }

  getImage(reference: string): ImageDetails | null {
    return this.#requireApp('getImage').getImage(reference) ?? null;
  }

  checkNow(reference: string): ApiResult<'checkNow'> {
    // Throws UnknownImageError (not-found) for an image no platform runs.
    this.#requireApp('checkNow').checkNow(reference);
    return { queued: true };
  }

  platforms(): PlatformView[] {
    return (this.#app?.platforms() ?? []).map(({ id, type, status }) => ({
      id,
      type,
      name: id.startsWith(`${type}:`) ? id.slice(type.length + 1) : id,
      status,
    }));
  }

  discovery(): Promise<Discovery> {
    const statuses = new Map(
      (this.#app?.platforms() ?? []).map((platform) => [platform.id, platform.status]),
    );
    return describePlatforms(this.#place, {
      selection: this.#selection,
      status: (id) => statuses.get(id),
    });
  }

  selectPlatforms(selection: PlatformSelection): Promise<{ platforms: PlatformView[] }> {
    return this.#inTurn('selectPlatforms', async () => {
      const platforms = await buildPlatforms(selection, this.#place);
      await this.#stopApp();
      await this.#startApp(platforms);
      this.#selection = selection;
      this.#settings.saveSelection(selection);
      await this.#app?.start();
      return { platforms: this.platforms() };
    });
  }

  getSettings(): Promise<Settings> {
    return this.#settings.get();
  }

  async changeSettings(change: SettingsChange): Promise<Settings> {
    const before = this.#settings.recheckIntervalMinutes();
    const settings = await this.#settings.change(change);
    // The App takes its interval and its GitHub token when created: a change needs a new App.
    if (settings.recheckIntervalMinutes !== before || change.kind === 'github-token')
      await this.selectPlatforms(this.#selection);
    else if (change.kind === 'registry-credential' || change.kind === 'remove-registry-credential') {
      this.#app?.credentialsChanged(change.registry);
      this.#recheckAll();
    }
    return settings;
  }

  listRules(): ImageRule[] {
    return this.#settings.rules();
  }

  setRule(rule: ImageRule): ImageRule[] {
    const rules = this.#settings.setRule(rule);
    this.#userRules = this.#settings.userRules();
    this.#recheckAll();
    return rules;
  }

  deleteRule(pattern: string): ImageRule[] {
    const rules = this.#settings.deleteRule(pattern);
    this.#userRules = this.#settings.userRules();
    this.#recheckAll();
    return rules;
  }

  /** A rule changed: every image is checked again under the rules as they are now. */
  #recheckAll(): void {
    const app = this.#app;
    if (app === undefined) return;
    for (const { reference } of imageUpdates(app)) {
      try {
        app.checkNow(reference);
      } catch (error) {
        // Gone from the graph since it was listed: nothing to check.
        if (!(error instanceof UnknownImageError)) throw error;
      }
    }
  }

  /** Stops the App and every platform, ends the event stream and closes the settings store. */
  close(): Promise<void> {
    return this.#inTurn('close', async () => {
      if (this.#closed) return;
      this.#closed = true;
      await this.#stopApp();
      this.#live.close();
      this.#store.close();
    });
  }

  async #startApp(platforms: readonly Platform[]): Promise<void> {
    // A token set in the settings wins over GITHUB_TOKEN and gh's hosts file (resolveGithubToken).
    const sources = this.#options.app?.sources;
    const githubToken = sources === undefined ? null : await this.#settings.githubToken();
    const settings = this.#settings;
    const app = createApp({
      ...this.#options.app,
      credentials: settings.credentials(),
      userRules: () => this.#userRules,
      ...(sources !== undefined && { sources: githubToken === null ? sources : { ...sources, githubToken } }),
      dataDir: this.#options.dataDir,
      platforms,
      ...(this.#options.registry !== undefined && { registry: this.#options.registry }),
      recheckIntervalMs: this.#settings.recheckIntervalMinutes() * 60_000,
    });
    const live = this.#live;
    this.#unsubscribe = [
      app.on('graph-patch', ({ patches }) => live.patched(patches)),
      app.on('platform-status', (event) => live.pass('platform-status', event)),
      app.on('progress', (event) => {
        this.#queue.track(event);
        live.pass('progress', event);
        live.changed();
      }),
      app.on('image-updated', ({ reference, summary }) => {
        const { kind, latestReference, error } = summary;
        live.pass('image-updated', { reference, kind, latestReference, error });
        live.changed();
      }),
      app.on('updates-found', (event) => live.pass('updates-found', event)),
    ];
    this.#app = app;
    this.#queue = new QueueCounts();
    live.reset();
  }

  async #stopApp(): Promise<void> {
    const app = this.#app;
    this.#app = undefined;
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    await app?.stop();
  }

  #inTurn<T>(method: string, work: () => Promise<T>): Promise<T> {
    const run = async () => {
      if (this.#closed && method !== 'close')
        throw new ApiError('unavailable', `${method}: the session is closed`);
      return work();
    };
    const result = this.#turn.then(run, run);
    this.#turn = result.catch(() => undefined);
    return result;
  }

  #requireApp(method: string): App {
    if (this.#app === undefined) {
      throw new ApiError('unavailable', `${method}: the platforms are being switched; try again in a moment`);
    }
    return this.#app;
  }

  #currentSummary(): StoreSummary | undefined {
    try {
      return this.#app?.summary();
    } catch {
      return undefined; // the App is stopping: the next App's reset sends a fresh summary
    }
  }
}

/** Every running image's last check. */
function imageUpdates(app: App): ImageUpdateView[] {
  return listAllImages(app).map((item) => ({
    reference: item.reference,
    kind: item.update?.kind ?? null,
    error: item.error,
  }));
}
