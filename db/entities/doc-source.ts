import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import type { DocSyncError } from '../../workflows/definitions/doc-sync.ts';
import { BusinessConfig } from './business-config.ts';
import { timestamps, uuidPrimaryKey } from './common.ts';
import { Organization } from './organization.ts';

/** Pages whose URL matches `pattern` (a regular expression) get `docType`. */
export interface DocTypeRule {
  pattern: string;
  docType: string;
}

/**
 * A documentation site synced into a business's knowledge: where to start, which URL prefixes are
 * in scope, how politely to crawl and how often to re-sync. Each page becomes a knowledge entry
 * (`source = doc_sync`) of this source.
 */
export const DocSource = defineEntity({
  name: 'DocSource',
  properties: {
    id: uuidPrimaryKey(),
    organization: () => p.manyToOne(Organization).deleteRule('cascade'),
    business: () => p.manyToOne(BusinessConfig).deleteRule('cascade'),
    name: p.string().length(200),
    /** The preset it was made from (knowledge/doc-sync-presets.json), if any. */
    preset: p.string().length(50).nullable(),
    startUrl: p.string().length(2048),
    allowedPrefixes: p.array().default([]),
    sitemapUrl: p.string().length(2048).nullable(),
    vendor: p.string().length(100).nullable(),
    docTypeRules: p
      .json<DocTypeRule[]>()
      .default('[]')
      .onCreate(() => []),
    requestsPerSecond: p.double().default(2),
    concurrency: p.integer().default(4),
    maxPages: p.integer().default(1000),
    /** How often the Temporal schedule re-syncs ("24h", "7d"); null = only when asked. */
    resyncEvery: p.string().length(20).nullable(),
    ...timestamps(),
  },
  indexes: [{ properties: ['business', 'createdAt'] }],
});
export type DocSource = InferEntity<typeof DocSource>;

export const DOC_SYNC_STATUSES = ['running', 'completed', 'failed', 'cancelled'] as const;
export type DocSyncStatus = (typeof DOC_SYNC_STATUSES)[number];

/** One sync of a source (manual or scheduled), written by its workflow. */
export const DocSyncRun = defineEntity({
  name: 'DocSyncRun',
  properties: {
    /** Derived from the workflow's first run id, so a retried start activity finds the same row. */
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization).deleteRule('cascade'),
    source: () => p.manyToOne(DocSource).deleteRule('cascade'),
    workflowId: p.string(),
    trigger: p.enum(['manual', 'schedule'] as const),
    status: p.enum(DOC_SYNC_STATUSES).default('running'),
    found: p.integer().default(0),
    fetched: p.integer().default(0),
    indexed: p.integer().default(0),
    unchanged: p.integer().default(0),
    failed: p.integer().default(0),
    removed: p.integer().default(0),
    skipped: p.integer().default(0),
    /** The most recent errors (at most 50), page by page. */
    errors: p
      .json<DocSyncError[]>()
      .default('[]')
      .onCreate(() => []),
    startedAt: p.datetime().onCreate(() => new Date()),
    finishedAt: p.datetime().nullable(),
    ...timestamps(),
  },
  indexes: [{ properties: ['source', 'startedAt'] }, { properties: ['status'] }],
});
export type DocSyncRun = InferEntity<typeof DocSyncRun>;

/** A run as it starts (the database defaults, also in memory before the row is read back). */
export const NEW_RUN = {
  status: 'running',
  found: 0,
  fetched: 0,
  indexed: 0,
  unchanged: 0,
  failed: 0,
  removed: 0,
  skipped: 0,
  errors: [],
} as const satisfies Partial<DocSyncRun>;
