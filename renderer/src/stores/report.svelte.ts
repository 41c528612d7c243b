// The Export page's preview: the report exactly as Save will write it, for the latest choices. Only
// the answer to the latest request is kept, so a slow answer to older choices never replaces it.
import type { CupdateBridge, ReportExport, ReportExportRequest } from '../../../internal/api/contract.js';
import { errorMessage } from '../lib/load-state.js';

export class ReportStore {
  preview: ReportExport | null = $state.raw(null);
  failure: string | null = $state(null);
  loading = $state(false);
  readonly #bridge: CupdateBridge;
  #latest = 0;

  constructor(bridge: CupdateBridge) {
    this.#bridge = bridge;
  }

  async refresh(request: ReportExportRequest): Promise<void> {
    const mine = ++this.#latest;
    this.loading = true;
    try {
      const preview = await this.#bridge.invoke('exportReport', request);
      if (mine !== this.#latest) return;
      this.preview = preview;
      this.failure = null;
    } catch (error) {
      if (mine === this.#latest) this.failure = errorMessage(error);
    } finally {
      if (mine === this.#latest) this.loading = false;
    }
  }
}
