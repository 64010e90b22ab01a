import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import {
  ATTEMPT_OUTCOMES,
  CAMPAIGN_STATUSES,
  type CallingWindow,
  type CampaignProgress,
  CONTACT_STATUSES,
  DEFAULT_RETRY_POLICY,
  DEFAULT_VOICEMAIL_POLICY,
  type RetryPolicy,
  type VoicemailPolicy,
} from '../../workflows/definitions/campaign.ts';
import { BusinessConfig } from './business-config.ts';
import { timestamps, uuidPrimaryKey } from './common.ts';
import { Organization } from './organization.ts';

/** Kept for the post-call issue: what to extract from each call and where to send it. */
export interface PostCallHooks {
  /** A JSON Schema the call's structured extraction fills. */
  extractionSchema?: Record<string, unknown> | null;
  /** Where each call's outcome is delivered (Standard Webhooks). */
  webhookUrl?: string | null;
}

/**
 * An outbound campaign: contacts a business calls at a controlled pace, inside a calling window in
 * each contact's local time, with retries. Run by its `campaign-<id>` workflow, which writes
 * `status` and `progress` as it goes.
 */
export const Campaign = defineEntity({
  name: 'Campaign',
  properties: {
    id: uuidPrimaryKey(),
    organization: () => p.manyToOne(Organization).deleteRule('cascade'),
    business: () => p.manyToOne(BusinessConfig).deleteRule('restrict'),
    name: p.string().length(200),
    status: p.enum(CAMPAIGN_STATUSES).default('draft'),
    /** Dialling starts then (or at once when null) and stops then (or when every contact is done). */
    startAt: p.datetime().nullable(),
    endAt: p.datetime().nullable(),
    callsPerMinute: p.integer().default(10),
    maxConcurrentCalls: p.integer().default(5),
    /** In each contact's local time; a campaign does not start without one. */
    callingWindow: p.json<CallingWindow>().nullable(),
    /** For numbers whose zone neither the contact nor the number tells; default the business's. */
    timeZone: p.string().length(64).nullable(),
    retry: p
      .json<RetryPolicy>()
      .default('{}')
      .onCreate(() => ({ ...DEFAULT_RETRY_POLICY })),
    voicemail: p
      .json<VoicemailPolicy>()
      .default('{}')
      .onCreate(() => ({ ...DEFAULT_VOICEMAIL_POLICY })),
    /** Dial only contacts whose consent is recorded. */
    requireConsent: p.boolean().default(false),
    /** Agent instructions and greeting for this campaign's calls (templates; the business's when null). */
    instructions: p.text().nullable(),
    greeting: p.text().nullable(),
    /** Country for numbers written without a country code (the organisation's when null). */
    defaultCountry: p.string().length(2).nullable(),
    postCall: p
      .json<PostCallHooks>()
      .default('{}')
      .onCreate(() => ({})),
    progress: p.json<CampaignProgress>().nullable(),
    workflowId: p.string().nullable(),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
    /** The user or API key that created it (a plain id, so the record outlives them). */
    createdById: p.uuid().nullable(),
    createdByLabel: p.string().nullable(),
    ...timestamps(),
  },
  indexes: [{ properties: ['organization', 'createdAt'] }],
});
export type Campaign = InferEntity<typeof Campaign>;

/**
 * One person a campaign calls: their number (E.164, once per campaign: duplicates are merged), what
 * the agent may use of them, and where the dialling stands. `numberTimeZones` are the zones the
 * number's range spans; `timeZone`, when the contact came with one, wins.
 */
export const CampaignContact = defineEntity({
  name: 'CampaignContact',
  properties: {
    id: uuidPrimaryKey(),
    campaign: () => p.manyToOne(Campaign).deleteRule('cascade'),
    organization: () => p.manyToOne(Organization).deleteRule('cascade'),
    phoneNumber: p.string().length(16),
    name: p.string().length(200).nullable(),
    timeZone: p.string().length(64).nullable(),
    numberTimeZones: p.array().default([]),
    /**
     * Template variables for the campaign's instructions and greeting (`{{contact.plan}}`), as
     * contacts added before variables were sealed hold them; new ones are in `sealedVariables`.
     */
    variables: p
      .json<Record<string, string>>()
      .default('{}')
      .onCreate(() => ({})),
    /** The variables sealed for the organisation (db/sealed-columns.ts `contactVariablesOf` opens them). */
    sealedVariables: p.text().nullable(),
    /** Blind index of the emails and numbers among the variables, so a person's export or erasure finds them. */
    identifierDigests: p.array().default([]),
    /** Whether the contact agreed to be called; null when the import did not say. */
    consent: p.boolean().nullable(),
    status: p.enum(CONTACT_STATUSES).default('pending'),
    attempts: p.integer().default(0),
    nextAttemptAt: p.datetime().nullable(),
    lastOutcome: p.enum(ATTEMPT_OUTCOMES).nullable(),
    /** The call of the latest attempt, and every attempt's call in order. */
    lastCallId: p.uuid().nullable(),
    callIds: p.array().default([]),
    /** Dialling order: the order contacts were added in. */
    position: p.integer().default(0),
    /** The CSV line it came from, if it was imported. */
    sourceLine: p.integer().nullable(),
    ...timestamps(),
  },
  uniques: [{ properties: ['campaign', 'phoneNumber'] }],
  indexes: [
    { properties: ['campaign', 'status'] },
    { properties: ['campaign', 'position'] },
    { properties: ['lastCallId'] },
    {
      name: 'campaign_contact_due_index',
      expression:
        'create index "campaign_contact_due_index" on "campaign_contact" ("campaign_id", "next_attempt_at" nulls first, "position") where "status" in (\'pending\', \'retry_scheduled\', \'waiting_window\')',
    },
  ],
});
export type CampaignContact = InferEntity<typeof CampaignContact>;

/** One CSV upload into a campaign: what it came to. Its bad rows are kept, by line, in `campaign_import_error`. */
export const CampaignImport = defineEntity({
  name: 'CampaignImport',
  properties: {
    id: uuidPrimaryKey(),
    campaign: () => p.manyToOne(Campaign).deleteRule('cascade'),
    organization: () => p.manyToOne(Organization).deleteRule('cascade'),
    fileName: p.string().length(255),
    /** Data rows read (the header aside). */
    rows: p.integer().default(0),
    /** New contacts, rows merged into a contact already there, contacts on the do-not-call list, rows refused. */
    added: p.integer().default(0),
    merged: p.integer().default(0),
    doNotCall: p.integer().default(0),
    failed: p.integer().default(0),
    createdByLabel: p.string().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ properties: ['campaign', 'createdAt'] }],
});
export type CampaignImport = InferEntity<typeof CampaignImport>;

/** A CSV row an import refused, and why. */
export const CampaignImportError = defineEntity({
  name: 'CampaignImportError',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    import: () => p.manyToOne(CampaignImport).deleteRule('cascade'),
    line: p.integer(),
    field: p.string().length(100).nullable(),
    message: p.string().length(500),
  },
  indexes: [{ properties: ['import', 'line'] }],
});
export type CampaignImportError = InferEntity<typeof CampaignImportError>;
