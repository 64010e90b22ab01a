import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { Organization } from './organization.ts';
import { User } from './user.ts';

export const EXPORT_KINDS = [
  'calls',
  'transcripts',
  'qa_scores',
  'escalations',
  'campaign_results',
  'report',
  'person_data',
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_STATUSES = ['running', 'completed', 'failed', 'expired'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** What an export covers: local calendar days in a time zone, and the analytics filter. */
export interface ExportParameters {
  from: string;
  to: string;
  timeZone: string;
  businessId: string | null;
  /** Absent in exports made before the campaign filter. */
  campaignId?: string | null;
  direction: string | null;
  statuses: string[];
}

/** A file made by an `export-<id>` workflow; its bytes are `export_chunk` rows the gateway streams. */
export const DataExport = defineEntity({
  name: 'DataExport',
  tableName: 'data_export',
  properties: {
    /** Chosen by whoever starts the export, so the workflow id is known before the row exists. */
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization).deleteRule('cascade'),
    createdBy: () => p.manyToOne(User).nullable().deleteRule('set null'),
    kind: p.enum(EXPORT_KINDS),
    format: p.enum(['csv', 'pdf', 'json'] as const),
    status: p.enum(EXPORT_STATUSES).default('running'),
    /** Null for a person's archive, which covers everything about them (db/entities/person-request.ts). */
    parameters: p.json<ExportParameters>().nullable(),
    workflowId: p.string(),
    fileName: p.string(),
    /** Rows written so far, and how many there are (known once counted). */
    rowsDone: p.integer().default(0),
    rowsTotal: p.integer().nullable(),
    bytes: p.bigint('number').default(0),
    error: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    completedAt: p.datetime().nullable(),
    /** The file is deleted then (by its workflow). */
    expiresAt: p.datetime(),
  },
  indexes: [{ properties: ['organization', 'createdAt'] }],
});
export type DataExport = InferEntity<typeof DataExport>;

/** One piece of an export's file, in order. */
export const ExportChunk = defineEntity({
  name: 'ExportChunk',
  tableName: 'export_chunk',
  properties: {
    export: () => p.manyToOne(DataExport).primary().deleteRule('cascade'),
    sequence: p.integer().primary(),
    data: p.type('blob'),
  },
});
export type ExportChunk = InferEntity<typeof ExportChunk>;
