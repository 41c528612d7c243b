// Orders jobs so every job comes after the jobs it needs, and rejects unknown needs and cycles
// when the workflow is defined rather than deadlocking when it runs.

import { WorkflowDefinitionError } from './errors.js';

export interface NeedsOf {
  readonly id: string;
  readonly needs: readonly string[];
}

/** Finds one cycle through `start` by depth-first search, as the list of job ids along it. */
function findCycle(byId: ReadonlyMap<string, NeedsOf>, start: string): string[] | null {
  const path: string[] = [];
  const visited = new Set<string>();
  const visit = (id: string): string[] | null => {
    if (path.includes(id)) return [...path.slice(path.indexOf(id)), id];
    if (visited.has(id)) return null;
    visited.add(id);
    path.push(id);
    for (const need of byId.get(id)?.needs ?? []) {
      const cycle = visit(need);
      if (cycle !== null) return cycle;
    }
    path.pop();
    return null;
  };
  return visit(start);
}

/**
 * Returns the jobs in an order where needs come first, keeping declaration order among jobs that
 * are ready at the same time (Kahn's algorithm), so records list jobs the way they were written.
 */
export function orderJobs<J extends NeedsOf>(workflow: string, jobs: readonly J[]): J[] {
  const byId = new Map(jobs.map((job) => [job.id, job]));
  for (const job of jobs) {
    for (const need of job.needs) {
      if (!byId.has(need)) {
        throw new WorkflowDefinitionError(
          { workflow, job: job.id },
          `needs unknown job "${need}"; known jobs: ${[...byId.keys()].join(', ')}`,
        );
      }
    }
  }
  const ordered: J[] = [];
  const placed = new Set<string>();
  while (ordered.length < jobs.length) {
    const ready = jobs.filter((job) => !placed.has(job.id) && job.needs.every((need) => placed.has(need)));
    if (ready.length === 0) {
      const stuck = jobs.find((job) => !placed.has(job.id));
      const cycle = stuck === undefined ? null : findCycle(byId, stuck.id);
      throw new WorkflowDefinitionError(
        { workflow, job: cycle?.[0] ?? stuck?.id ?? '?' },
        `its needs form a cycle (${(cycle ?? []).join(' → ')}); remove one of these needs`,
      );
    }
    for (const job of ready) {
      ordered.push(job);
      placed.add(job.id);
    }
  }
  return ordered;
}
