// What one user has open: one App over the platforms they selected, on one store that also keeps
// their settings and rules, and the live event source every host streams from. Selecting other
// platforms builds them first (a bad choice fails with nothing stopped), then hands them to the
// App, which stops only what is no longer wanted and starts only what is new; clients are told
// `graph-reset`. Settings that change at run time (re-check interval, GitHub token, rules) are read
// by the App through getters: changing them restarts nothing.
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
import { exportReport } from './report-export.js';
import type { SecretStore } from './secret-store.js';
import { withAllowedLists, type StaticListPolicy } from './static-list-policy.js';
import { UserSettings } from './user-settings.js';
import { createApp, type App, type AppRunOptions, type RegistrySettings } from '../app.js';
import type { Bump, UpdateActions } from '../actions/types.js';
import { NoSuchUpdateError } from '../actions/update-target.js';
import { databasePath } from '../app/options.js';
import { registryOf } from '../app/registry-limit.js';
import { ruleMatches, type UserRule } from '../app/user-rules.js';
import type { Platform, PlatformSettings } from '../platform/platform.js';
import { kubernetesPlatformId } from '../platform/kubernetes/kubernetes-descriptor.js';
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
  readonly app?: Omit<
    AppRunOptions,
    'platforms' | 'registry' | 'recheckIntervalMs' | 'userRules' | 'credentials'
  >;
  readonly events?: Pick<LiveEventsOptions, 'patchWindowMs' | 'summaryIntervalMs'>;
  /** Which files selectPlatforms may watch (and which stored ones are kept); default: any. */
  readonly staticLists?: StaticListPolicy;
}

const NO_PLATFORMS: PlatformSelection = { dockerEndpoints: [], kubeContexts: [], staticLists: [] };

export async function openSession(options: SessionOptions): Promise<Session> {
  // The one connection to the database: the session keeps settings there and lends it to its App.
  const store = openStore(databasePath(options.dataDir));
  const session = new Session(options, store);
  try {
    const stored = session.storedSelection();
    await session.selectPlatforms(
      options.selection ?? (stored && withAllowedLists(stored, options.staticLists)) ?? NO_PLATFORMS,
    );
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
  /** Made by the first selectPlatforms (openSession), with the platforms to start with. */
  #app: App | undefined;
  #selection: PlatformSelection = NO_PLATFORMS;
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
    this.#live = new LiveEvents({
      ...options.events,
      summary: () => (this.#closed ? undefined : this.#app?.summary()),
      queue: () => (this.#closed ? undefined : this.#app?.queue()),
    });
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
      queue: app.queue(),
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

  async updateActions(reference: string, bump: Bump | undefined): Promise<UpdateActions> {
    try {
      return await this.#requireApp('updateActions').updateActions(reference, bump);
    } catch (error) {
      if (error instanceof NoSuchUpdateError)
        throw new ApiError('not-found', `updateActions: ${error.message}`);
      throw error;
    }
  }

  checkAll(): ApiResult<'checkAll'> {
    return { queued: this.#requireApp('checkAll').checkAll() };
  }

  platforms(): PlatformView[] {
    return (this.#closed ? [] : (this.#app?.platforms() ?? [])).map(({ id, type, status }) => ({
      id,
      type,
      name: id.startsWith(`${type}:`) ? id.slice(type.length + 1) : id,
      status,
    }));
  }

  discovery(): Promise<Discovery> {
    const statuses = new Map(this.platforms().map((platform) => [platform.id, platform.status]));
    return describePlatforms(this.#place, {
      selection: this.#selection,
      status: (id) => statuses.get(id),
      settings: this.#platformSettings(),
    });
  }

  selectPlatforms(selection: PlatformSelection): Promise<{ platforms: PlatformView[] }> {
    return this.#select(selection, []);
  }

  /** Watches `selection`; the platforms in `restart` start again even if they run (their settings changed). */
  #select(selection: PlatformSelection, restart: readonly string[]): Promise<{ platforms: PlatformView[] }> {
    return this.#inTurn('selectPlatforms', async () => {
      const platforms = await buildPlatforms(selection, this.#place, this.#platformSettings());
      if (this.#app === undefined) {
        this.#app = this.#createApp(platforms);
        await this.#app.start();
      } else {
        await this.#app.setPlatforms(platforms, { restart });
      }
      this.#selection = selection;
      this.#settings.saveSelection(selection);
      this.#live.reset();
      return { platforms: this.platforms() };
    });
  }

  getSettings(): Promise<Settings> {
    return this.#settings.get();
  }

  async changeSettings(change: SettingsChange): Promise<Settings> {
    // The re-check interval and the GitHub token are read by the App when it needs them.
    const settings = await this.#settings.change(change);
    if (change.kind === 'kube-namespaces' && this.#selection.kubeContexts.includes(change.context)) {
      // A context's namespaces are part of its platform: that one watch starts again with them.
      await this.#select(this.#selection, [kubernetesPlatformId(change.context)]);
    } else if (change.kind === 'registry-credential' || change.kind === 'remove-registry-credential') {
      const app = this.#requireApp('changeSettings');
      app.credentialsChanged(change.registry);
      app.recheckWhere((reference) => registryOf(reference) === change.registry);
    }
    return settings;
  }

  listRules(): ImageRule[] {
    return this.#settings.rules();
  }

  setRule(rule: ImageRule): ImageRule[] {
    const rules = this.#settings.setRule(rule);
    this.#rulesChanged(rule.pattern);
    return rules;
  }

  deleteRule(pattern: string): ImageRule[] {
    const rules = this.#settings.deleteRule(pattern);
    this.#rulesChanged(pattern);
    return rules;
  }

  /** The rule for `pattern` changed: the images it matches are checked again under the rules as they are now. */
  #rulesChanged(pattern: string): void {
    this.#userRules = this.#settings.userRules();
    this.#requireApp('setRule').recheckWhere((reference) => ruleMatches(pattern, reference));
  }

  /** Stops the App and every platform, ends the event stream and closes the store. */
  close(): Promise<void> {
    return this.#inTurn('close', async () => {
      if (this.#closed) return;
      this.#closed = true;
      await this.#app?.stop();
      this.#live.close();
      this.#store.close();
    });
  }

  /** How platforms are built for this session: the lists it may read, the namespaces the user added. */
  #platformSettings(): PlatformSettings {
    const policy = this.#options.staticLists;
    return {
      listRefusal: policy === undefined ? undefined : (path) => policy.refusal(path),
      kubeNamespaces: this.#settings.kubeNamespaces(),
    };
  }

  /** The session's App over `platforms`, on the session's store, streaming into its live events. */
  #createApp(platforms: readonly Platform[]): App {
    const sources = this.#options.app?.sources;
    const settings = this.#settings;
    const app = createApp({
      ...this.#options.app,
      store: this.#store,
      platforms,
      credentials: settings.credentials(),
      userRules: () => this.#userRules,
      recheckIntervalMs: () => settings.recheckIntervalMinutes() * 60_000,
      // A token set in the settings wins over GITHUB_TOKEN and gh's hosts file (resolveGithubToken).
      ...(sources !== undefined && { sources: { ...sources, githubToken: () => settings.githubToken() } }),
      ...(this.#options.registry !== undefined && { registry: this.#options.registry }),
    });
    const live = this.#live;
    app.on('graph-patch', ({ patches }) => live.patched(patches));
    app.on('platform-status', (event) => live.pass('platform-status', event));
    app.on('progress', (event) => {
      live.pass('progress', event);
      live.changed();
    });
    app.on('image-updated', ({ reference, summary }) => {
      const { kind, latestReference, error } = summary;
      live.pass('image-updated', { reference, kind, latestReference, error });
      live.changed();
    });
    app.on('updates-found', (event) => live.pass('updates-found', event));
    return app;
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
    if (this.#closed) throw new ApiError('unavailable', `${method}: the session is closed`);
    if (this.#app === undefined) throw new ApiError('unavailable', `${method}: the session is still opening`);
    return this.#app;
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
