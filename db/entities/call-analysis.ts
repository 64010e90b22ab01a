import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { Call } from './call.ts';
import { timestamps, uuidPrimaryKey } from './common.ts';
import { Organization } from './organization.ts';

/** Which transcript lines a value came from, and how that was established. */
export interface FieldProvenance {
  /** JSON Pointer of the value in the extracted data (`/employmentHistory/0/employer`). */
  path: string;
  /** The transcript lines (call_interaction.sequence) it was heard in. */
  lines: number[];
  /** `model`: the model cited the lines and the code found the value there; `matched`: the code found it itself. */
  source: 'model' | 'matched';
}

/** A field of the business's schema and what became of it. */
export interface ExtractedField {
  /** JSON Pointer of the field in the schema's data (`/email`, `/employmentHistory`). */
  path: string;
  status: 'found' | 'missing' | 'invalid';
  required: boolean;
  /** Why it is invalid (the validator's message). */
  message?: string;
}

/** A stretch of a person's history that the answers leave uncovered (employment template). */
export interface HistoryGap {
  from: string;
  to: string;
  /** Whole months uncovered. */
  months: number;
  /** "1977–2004 not accounted for". */
  description: string;
}

/** The structured extraction of one call against its business's schema. */
export interface StoredExtraction {
  /** `valid`: the answer passed the schema; `incomplete`: it did but for required fields nobody gave; `invalid`: a value broke it (kept apart in `rejected`, never as fact); `unavailable`: no answer could be had. */
  status: 'valid' | 'incomplete' | 'invalid' | 'unavailable';
  /** The schema's `title` (or the template's name) and a hash of the schema the data was checked against. */
  schemaName: string;
  schemaHash: string;
  /** The data that passed the schema; null unless `valid`. */
  data: Record<string, unknown> | null;
  /** The model's answer as it came when it did not pass (for review, never used as fact). */
  rejected: unknown;
  fields: ExtractedField[];
  provenance: FieldProvenance[];
  /** The validator's messages for an invalid answer. */
  errors: string[];
  /** Employment template: the periods the history leaves uncovered, computed in code from the dates. */
  gaps: HistoryGap[];
  source: 'llm' | 'rules';
  notes: string[];
}

/** One reason the caller was scored as difficult, with where it was heard. */
export interface AdversarialSignal {
  kind: 'hostility' | 'abuse' | 'evasiveness' | 'manipulation' | 'nonsense';
  /** Points this adds to the rules' score (0–10 overall). */
  weight: number;
  detail: string;
  lineSequence: number | null;
}

/** How difficult the caller was, 0 (cooperative) to 10 (hostile, manipulative), and why. */
export interface StoredAdversarial {
  score: number;
  rules: { score: number; signals: AdversarialSignal[] };
  /** The LLM grader's part; null when it could not be had. */
  llm: { score: number; reasons: string[] } | null;
  threshold: number;
  flagged: boolean;
}

export const ANALYSIS_SOURCES = ['llm', 'rules'] as const;

/**
 * What a call came to, written after hang-up by its post-call analysis: a summary, the outcome in
 * the business's terms, action items and the caller's intent; the structured extraction against the
 * business's schema; the adversarial-caller score. One row per call.
 */
export const CallAnalysis = defineEntity({
  name: 'CallAnalysis',
  properties: {
    id: uuidPrimaryKey(),
    call: () => p.oneToOne(Call).owner().unique().deleteRule('cascade'),
    organization: () => p.manyToOne(Organization).deleteRule('cascade'),
    summary: p.text().nullable(),
    /** One of the business's outcomes (`settings.postCall.outcomes`). */
    outcome: p.string().length(60).nullable(),
    actionItems: p
      .json<string[]>()
      .default('[]')
      .onCreate(() => []),
    intent: p.text().nullable(),
    source: p.enum(ANALYSIS_SOURCES).nullable(),
    notes: p
      .json<string[]>()
      .default('[]')
      .onCreate(() => []),
    /** Written before extractions were sealed; new ones go to `sealedExtraction` (db/sealed-columns.ts). */
    extraction: p.json<StoredExtraction>().nullable(),
    /** The extraction, sealed for the organisation (`extraction:<call id>`): the personal data a caller gave. */
    sealedExtraction: p.text().nullable(),
    /** Blind index of the emails and numbers in the extraction, so a person's export or erasure finds it. */
    identifierDigests: p.array().default([]),
    adversarial: p.json<StoredAdversarial>().nullable(),
    /** Set once every part is written and `call.analyzed` is on its way. */
    completedAt: p.datetime().nullable(),
    ...timestamps(),
  },
  indexes: [
    {
      name: 'call_analysis_identifier_digests',
      expression: `create index "call_analysis_identifier_digests" on "call_analysis" using gin ("identifier_digests")`,
    },
  ],
});
export type CallAnalysis = InferEntity<typeof CallAnalysis>;
