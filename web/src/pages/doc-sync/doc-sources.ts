import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from '../../gql/gql.ts';

const DocSyncRunFields = graphql(`
  fragment DocSyncRunFields on DocSyncRun {
    id status trigger found fetched indexed unchanged failed removed skipped errors { url message } startedAt finishedAt
  }
`);
export type DocSyncRun = ResultOf<typeof DocSyncRunFields>;

const DocSourceFields = graphql(`
  fragment DocSourceFields on DocSource {
    id name preset startUrl allowedPrefixes sitemapUrl vendor docTypeRules { pattern docType }
    requestsPerSecond concurrency maxPages resyncEvery pageCount createdAt lastRun { ...DocSyncRunFields }
  }
`);
export type DocSource = ResultOf<typeof DocSourceFields>;

/** Pages of those found that a run has dealt with: fetched (indexed, unchanged, failed or removed) or skipped. */
export const handled = (run: DocSyncRun) => run.fetched + run.skipped;

/**
 * Whether `next` is a later state than `current`: events and mutation answers arrive in any order,
 * a run's counts only grow, and a finished run stays finished.
 */
export function supersedes(next: DocSyncRun, current: DocSyncRun | null): boolean {
  if (!current) return true;
  if (next.id !== current.id) return next.startedAt >= current.startedAt;
  if (current.status !== 'RUNNING') return false;
  return next.status !== 'RUNNING' || handled(next) >= handled(current);
}
