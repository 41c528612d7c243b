// The reference the end-to-end benchmark is compared with: checkImage (internal/oci/check.ts, what
// a versions-only scan must ask the registry) over every image, with as many in flight as the app
// runs per registry, and nothing else (no workflow, no store).
import { HttpClient } from '../internal/http/client.js';
import { checkImage } from '../internal/oci/check.js';
import { RegistryClient } from '../internal/oci/client.js';
import { parseReference } from '../internal/oci/reference.js';
import { forEachBounded } from './measure.js';

/** The app's default images in flight per registry (docs/pipeline.md). */
export const IN_FLIGHT = 16;
const AMD64 = { os: 'linux', architecture: 'amd64' };

export interface ClientScanner {
  /** Checks every image once; answers the requests it sent. */
  scan(): Promise<{ images: number; requests: number }>;
  close(): Promise<void>;
}

/** A client with its own cache: its first scan is cold, the next ones warm. */
export function clientScanner(references: readonly string[]): ClientScanner {
  const http = new HttpClient({ perHostConcurrency: IN_FLIGHT });
  const client = new RegistryClient({ http });
  const parsed = references.map((reference) => parseReference(reference));
  return {
    async scan() {
      const before = http.stats().requests;
      await forEachBounded(parsed, IN_FLIGHT, async (reference) => {
        const result = await checkImage(client, reference, { platform: AMD64 });
        if (result.updates.latest === null) throw new Error(`no update found for ${reference.toString()}`);
      });
      return { images: parsed.length, requests: http.stats().requests - before };
    },
    close: () => http.close(),
  };
}
