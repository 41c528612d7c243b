// The `vulnerabilities` job: known vulnerabilities (OSV.dev) of the running image's SBOM packages,
// and, when the candidate has an SBOM too, what updating does to each of them
// (internal/sources/vulnerability-delta.ts: fixed-by-update, remaining, introduced-by-update).
import type { AttestationEnrichment } from '../sources/attestations.js';
import { fetchOsvVulnerabilities, type OsvVulnerability } from '../sources/osv.js';
import type { Enrichment } from '../sources/types.js';
import { vulnerabilityDelta, withUpdateEffects } from '../sources/vulnerability-delta.js';
import type { Vulnerability } from '../model/image.js';
import { defineStep, optionalInput, output, requiredInput } from '../workflow/index.js';
import { sourceContext, type EnrichmentSettings } from './enrichment-settings.js';

export function vulnerabilitiesStep(settings: EnrichmentSettings) {
  return defineStep({
    id: 'osv',
    name: 'Look up vulnerabilities (OSV)',
    inputs: {
      /** The job runs only when this has an SBOM. */
      running: requiredInput<AttestationEnrichment>(),
      /** Absent without a candidate; without its SBOM, no update effects. */
      candidate: optionalInput<AttestationEnrichment>(),
    },
    outputs: { enrichment: output<Enrichment>() },
    run: async (ctx, { running, candidate }) => {
      const context = sourceContext(settings, ctx.signal);
      const candidatePackages = candidate?.sbom?.packages;
      const [now, next] = await Promise.all([
        fetchOsvVulnerabilities(context, running.sbom?.packages ?? []),
        candidatePackages === undefined ? null : fetchOsvVulnerabilities(context, candidatePackages),
      ]);
      const listed =
        next === null
          ? now.vulnerabilities
          : withUpdateEffects(vulnerabilityDelta(now.vulnerabilities, next.vulnerabilities));
      const enrichment: Enrichment = { vulnerabilities: listed.map(storedShape), tags: now.tags };
      return { enrichment };
    },
  });
}

/** The store's fields only: aliases and packages served the delta. */
function storedShape(vulnerability: OsvVulnerability & Pick<Vulnerability, 'updateEffect'>): Vulnerability {
  const { id, severity, summary, fixedIn, source, updateEffect } = vulnerability;
  return { id, severity, summary, fixedIn, source, ...(updateEffect === undefined ? {} : { updateEffect }) };
}
