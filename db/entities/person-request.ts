import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { DataExport } from './export.ts';
import { Organization } from './organization.ts';

export const PERSON_REQUEST_KINDS = ['export', 'erasure'] as const;
export type PersonRequestKind = (typeof PERSON_REQUEST_KINDS)[number];
export const PERSON_REQUEST_STATUSES = ['running', 'completed', 'failed'] as const;
export type PersonRequestStatus = (typeof PERSON_REQUEST_STATUSES)[number];

/** What an erasure removed, where: counts, and the ids of what it kept but anonymised or deleted whole. */
export interface ErasureReceipt {
  postgres: {
    /** Calls whose numbers were anonymised and whose content was removed. */
    calls: string[];
    /** Calls of theirs still in progress: left alone (erase again once they end). */
    activeCalls: string[];
    transcriptLines: number;
    transcriptOriginals: number;
    notes: number;
    qaScores: number;
    analyses: number;
    escalations: string[];
    liveEvents: number;
    notifications: number;
    webhookEvents: number;
    campaignContacts: string[];
    /** Earlier export archives about them, deleted. */
    exports: string[];
  };
  /** Weaviate holds knowledge chunks only: nothing is written there per call. */
  weaviate: { objects: number };
  temporal: {
    /** Closed executions of their calls, post-call work, QA, escalations and webhook deliveries, deleted. */
    deleted: string[];
    /** Already gone (never ran, or deleted before). */
    notFound: string[];
    /** Still running: not deleted. */
    running: string[];
    /** Found by the Postgres batches, not yet handled. */
    queued: string[];
  };
  doNotCall: { added: boolean };
}

export const emptyErasureReceipt = (): ErasureReceipt => ({
  postgres: {
    calls: [],
    activeCalls: [],
    transcriptLines: 0,
    transcriptOriginals: 0,
    notes: 0,
    qaScores: 0,
    analyses: 0,
    escalations: [],
    liveEvents: 0,
    notifications: 0,
    webhookEvents: 0,
    campaignContacts: [],
    exports: [],
  },
  weaviate: { objects: 0 },
  temporal: { deleted: [], notFound: [], running: [], queued: [] },
  doNotCall: { added: false },
});

/**
 * A person's request (GDPR/CCPA subject request): an export of their data or its erasure, run by a
 * `person-export-<id>` or `person-erasure-<id>` workflow. The row never holds who they are: only a
 * keyed hash of the number or email (to find earlier requests about them) and a hint to show.
 */
export const PersonRequest = defineEntity({
  name: 'PersonRequest',
  properties: {
    /** Chosen by whoever starts the request, so the workflow id is known before the row exists. */
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization).deleteRule('cascade'),
    kind: p.enum(PERSON_REQUEST_KINDS),
    subjectKind: p.enum(['phone', 'email'] as const),
    /** HMAC-SHA256 of the subject under the organisation's data key (lib/person-subject.ts). */
    subjectHash: p.string().length(64),
    /** The same under every master key configured when it was made (`subjectHashes`): what later requests match. */
    subjectHashes: p.array().default([]),
    /** `•••• 0014`, `j•••@e•••`: enough for the person who asked to recognise it. */
    subjectHint: p.string().length(40),
    /** Who asked (a plain id and label, so the record outlives them). */
    requestedById: p.uuid().nullable(),
    requestedByLabel: p.string().nullable(),
    /** Export: whether the archive holds transcripts' originals (the requester may reveal them). */
    includeOriginals: p.boolean().default(false),
    /** Erasure: whether the number goes on the do-not-call list. */
    addToDoNotCall: p.boolean().default(false),
    status: p.enum(PERSON_REQUEST_STATUSES).default('running'),
    /** What the workflow is doing, and how far it is (calls written or erased). */
    stage: p.string().length(60).nullable(),
    itemsDone: p.integer().default(0),
    itemsTotal: p.integer().nullable(),
    /** Export: the archive, downloaded like any export. */
    export: () => p.manyToOne(DataExport).nullable().deleteRule('set null'),
    receipt: p.json<ErasureReceipt>().nullable(),
    error: p.text().nullable(),
    workflowId: p.string(),
    createdAt: p.datetime().onCreate(() => new Date()),
    completedAt: p.datetime().nullable(),
  },
  indexes: [{ properties: ['organization', 'createdAt'] }, { properties: ['organization', 'subjectHash'] }],
});
export type PersonRequest = InferEntity<typeof PersonRequest>;
