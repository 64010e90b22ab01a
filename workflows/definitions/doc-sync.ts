/** The documentation-sync workflow's contract (id `docsync-<source>`, schedule `docsync-schedule-<source>`). */
import { defineQuery } from '@temporalio/workflow';

export const DOC_SYNC_WORKFLOW_TYPE = 'docSyncWorkflow';
export const docSyncWorkflowId = (sourceId: string): string => `docsync-${sourceId}`;
export const docSyncScheduleId = (sourceId: string): string => `docsync-schedule-${sourceId}`;

/** A run whose row has not moved for this long is taken to be dead (its worker and workflow gone). */
export const STALE_RUN_MS = 2 * 60_000;

export interface DocSyncError {
  url: string;
  message: string;
}

/** What a sync has done so far; persisted while it runs, so the console and API can follow it. */
export interface DocSyncCounts {
  /** In-scope URLs discovered (start URL, sitemap, links). */
  found: number;
  /** Requests answered (any outcome). */
  fetched: number;
  indexed: number;
  unchanged: number;
  failed: number;
  removed: number;
  /** Left out: robots.txt disallows them, noindex, out of scope after a redirect, not a document. */
  skipped: number;
}

export const docSyncProgressQuery = defineQuery<DocSyncCounts & { queued: number; inFlight: number }>('progress');

export type PageOutcome = 'indexed' | 'unchanged' | 'failed' | 'removed' | 'skipped';

export interface PageResult {
  outcome: PageOutcome;
  /** In-scope links to crawl next (absolute, without fragments). */
  links: string[];
  error?: string;
}

export interface DocSyncPlan {
  seeds: string[];
  /** Milliseconds between two requests: the source's rate, or robots.txt's Crawl-delay if slower. */
  intervalMs: number;
  concurrency: number;
  maxPages: number;
}

/** What a sync carries from one workflow run to the next. */
export interface DocSyncState {
  runId: string;
  plan: DocSyncPlan;
  frontier: string[];
  seen: string[];
  counts: DocSyncCounts;
  errors: DocSyncError[];
  /** The start page could not be read: the run removes nothing, since it may have seen little. */
  startFailed: boolean;
}

export interface DocSyncInput {
  sourceId: string;
  /** The run's row, when whoever started the sync made it (a manual start); else the workflow makes one. */
  runId?: string;
  trigger?: 'manual' | 'schedule';
  state?: DocSyncState;
}

export interface DocSyncResult {
  status: 'completed' | 'cancelled' | 'skipped';
  counts?: DocSyncCounts;
  reason?: string;
}

export type DocSyncWorkflow = (input: DocSyncInput) => Promise<DocSyncResult>;
