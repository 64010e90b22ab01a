import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { type LineSentiment, SPEAKERS } from '../../workflows/definitions/call.ts';
import { Call } from './call.ts';
import { uuidPrimaryKey } from './common.ts';

/** One spoken line of a call (a "call interaction"); `sequence` makes a retried write a no-op. */
export const TranscriptLine = defineEntity({
  name: 'TranscriptLine',
  tableName: 'call_interaction',
  properties: {
    id: uuidPrimaryKey(),
    call: () => p.manyToOne(Call).deleteRule('cascade'),
    sequence: p.integer(),
    speaker: p.enum(SPEAKERS),
    /** As stored and published: the business's kinds of personal data replaced by placeholders. */
    text: p.text(),
    /** The line as spoken, sealed (`transcriptOriginalPurpose`), where it was redacted and the business keeps originals. */
    originalText: p.text().nullable().lazy(),
    startMs: p.integer().nullable(),
    endMs: p.integer().nullable(),
    metadata: p.json<Record<string, unknown>>().nullable(),
    /** VADER scores of a customer line (compound, pos, neu, neg, label) and the call's rolling sentiment after it. */
    sentiment: p.json<LineSentiment>().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    /**
     * The text's words for full-text search, kept by Postgres (a stored generated column): a search
     * that checks lines call by call reads them instead of parsing each line again. Never loaded.
     */
    searchVector: p
      .string()
      .columnType('tsvector')
      .generated(`(to_tsvector('english', "text")) stored`)
      .nullable()
      .lazy()
      .hidden(),
  },
  uniques: [{ properties: ['call', 'sequence'] }],
  indexes: [
    {
      name: 'call_interaction_search_vector',
      expression: `create index "call_interaction_search_vector" on "call_interaction" using gin ("search_vector")`,
    },
  ],
  // Analytics: a caller's scored line moves the call's sentiment in call_facts (db/entities/analytics.ts).
  triggers: [
    {
      name: 'call_interaction_analytics_insert',
      timing: 'after',
      events: ['insert'],
      forEach: 'statement',
      expression:
        'create trigger "call_interaction_analytics_insert" after insert on "call_interaction" referencing new table as changed for each statement execute function analytics_caller_lines_added()',
    },
  ],
});
export type TranscriptLine = InferEntity<typeof TranscriptLine>;

/** What a sealed original is bound to: this call's transcript, so it opens nowhere else. */
export const transcriptOriginalPurpose = (callId: string): string => `transcript-original:${callId}`;
