/**
 * After the call over GraphQL: a call's analysis (summary, outcome, action items, intent), its
 * structured extraction with each field's status and provenance, the adversarial score with both
 * its parts; a business's post-call settings (outcomes, alert threshold, extraction schema, checked
 * before it is saved) and the extraction templates; re-running a call's analysis.
 */
import {
  type AdversarialSignal,
  BusinessConfig,
  CallAnalysis,
  type ExtractedField,
  type FieldProvenance,
  type HistoryGap,
  type StoredAdversarial,
  type StoredExtraction,
  TranscriptLine,
} from '../db/entities/index.ts';
import { TOPICS } from '../db/events.ts';
import { extractionOfAnalysis } from '../db/sealed-columns.ts';
import { NotFoundError, ValidationError } from '../lib/errors.ts';
import { isUuid } from '../lib/ids.ts';
import {
  compileExtractionSchema,
  EXTRACTION_TEMPLATES,
  extractionSchemaProblems,
} from '../quality/extraction-schema.ts';
import {
  type CallOutcome,
  type PostCallSettings,
  postCallSettingsOf,
  postCallSettingsSchema,
} from '../quality/post-call-settings.ts';
import { TERMINAL_CALL_STATUSES } from '../workflows/definitions/call.ts';
import { audited, builder } from './builder.ts';
import { BusinessConfigRef } from './business.ts';
import { CallRef, findCall } from './call.ts';
import { TranscriptLineRef } from './call-record.ts';
import { organizationEventIds, ownedOrNotFound } from './lookup.ts';
import { parseInput } from './validation.ts';

const ExtractedFieldRef = builder.objectRef<ExtractedField>('ExtractedField').implement({
  description: 'A field of the business’s schema and what became of it on this call.',
  fields: (t) => ({
    path: t.exposeString('path', { description: 'JSON Pointer of the field, e.g. `/email`.' }),
    status: t.string({ description: 'FOUND, MISSING or INVALID.', resolve: (f) => f.status.toUpperCase() }),
    required: t.exposeBoolean('required'),
    message: t.string({ nullable: true, description: 'Why it is invalid.', resolve: (f) => f.message ?? null }),
  }),
});

const FieldProvenanceRef = builder.objectRef<FieldProvenance & { callId: string }>('FieldProvenance').implement({
  description: 'Which transcript lines a value came from.',
  fields: (t) => ({
    path: t.exposeString('path', { description: 'JSON Pointer of the value, e.g. `/employmentHistory/0/employer`.' }),
    lineSequences: t.intList({ resolve: (p) => p.lines }),
    source: t.string({
      description: 'MODEL: the model cited the lines and they say the value; MATCHED: the code found the lines.',
      resolve: (p) => p.source.toUpperCase(),
    }),
    lines: t.field({
      type: [TranscriptLineRef],
      resolve: (p, _args, { em }) =>
        em.find(TranscriptLine, { call: p.callId, sequence: { $in: p.lines } }, { orderBy: { sequence: 'asc' } }),
    }),
  }),
});

const HistoryGapRef = builder.objectRef<HistoryGap>('HistoryGap').implement({
  description: 'A stretch of the history the answers leave uncovered, computed in code from the extracted dates.',
  fields: (t) => ({
    from: t.exposeString('from'),
    to: t.exposeString('to'),
    months: t.exposeInt('months'),
    description: t.exposeString('description'),
  }),
});

type ExtractionView = StoredExtraction & { callId: string };
const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

const ExtractionRef = builder.objectRef<ExtractionView>('CallExtraction').implement({
  description: 'The data the call collected, against the business’s JSON Schema.',
  fields: (t) => ({
    status: t.string({
      description:
        'VALID (passed the schema), INCOMPLETE (passed, but required fields were not given), INVALID (a value broke the schema: nothing is stored as fact) or UNAVAILABLE (no answer could be had).',
      resolve: (e) => e.status.toUpperCase(),
    }),
    schemaName: t.exposeString('schemaName'),
    data: t.string({
      nullable: true,
      description: 'The data as JSON; null unless VALID or INCOMPLETE.',
      resolve: (e) => json(e.data),
    }),
    rejected: t.string({
      nullable: true,
      description: 'An INVALID answer as it came (JSON), for review.',
      resolve: (e) => json(e.rejected),
    }),
    fields: t.field({ type: [ExtractedFieldRef], resolve: (e) => e.fields }),
    provenance: t.field({
      type: [FieldProvenanceRef],
      resolve: (e) => e.provenance.map((p) => ({ ...p, callId: e.callId })),
    }),
    errors: t.exposeStringList('errors', { description: 'The validator’s messages.' }),
    gaps: t.field({ type: [HistoryGapRef], resolve: (e) => e.gaps }),
    source: t.string({ resolve: (e) => e.source.toUpperCase() }),
    notes: t.exposeStringList('notes'),
  }),
});

const AdversarialSignalRef = builder.objectRef<AdversarialSignal>('AdversarialSignal').implement({
  fields: (t) => ({
    kind: t.string({
      description: 'HOSTILITY, ABUSE, EVASIVENESS, MANIPULATION or NONSENSE.',
      resolve: (s) => s.kind.toUpperCase(),
    }),
    weight: t.exposeFloat('weight'),
    detail: t.exposeString('detail'),
    lineSequence: t.exposeInt('lineSequence', { nullable: true }),
  }),
});

const AdversarialScoreRef = builder.objectRef<StoredAdversarial>('AdversarialScore').implement({
  description: 'How difficult the caller was, 0 (cooperative) to 10: the rules’ part and the LLM grader’s, averaged.',
  fields: (t) => ({
    score: t.exposeFloat('score'),
    rulesScore: t.float({ resolve: (a) => a.rules.score }),
    signals: t.field({ type: [AdversarialSignalRef], resolve: (a) => a.rules.signals }),
    llmScore: t.float({ nullable: true, resolve: (a) => a.llm?.score ?? null }),
    llmReasons: t.stringList({ resolve: (a) => a.llm?.reasons ?? [] }),
    threshold: t.exposeFloat('threshold'),
    flagged: t.exposeBoolean('flagged', {
      description: 'At or above the business’s threshold (a notification went out).',
    }),
  }),
});

const CallAnalysisRef = builder.objectRef<CallAnalysis>('CallAnalysis').implement({
  description: 'What the call came to, written after hang-up.',
  fields: (t) => ({
    callId: t.id({ resolve: (a) => a.call.id }),
    summary: t.exposeString('summary', { nullable: true }),
    outcome: t.exposeString('outcome', { nullable: true, description: 'One of the business’s outcomes.' }),
    actionItems: t.exposeStringList('actionItems'),
    intent: t.exposeString('intent', { nullable: true }),
    source: t.string({
      nullable: true,
      description: 'LLM, or RULES when the model failed on every try.',
      resolve: (a) => a.source?.toUpperCase() ?? null,
    }),
    notes: t.exposeStringList('notes'),
    extraction: t.field({
      type: ExtractionRef,
      nullable: true,
      description: 'Sealed at rest with the organisation’s key; opened here for those who can see the call.',
      resolve: (a, _args, ctx) => {
        const extraction = extractionOfAnalysis(ctx.encryption, a);
        return extraction ? { ...extraction, callId: a.call.id } : null;
      },
    }),
    adversarial: t.field({ type: AdversarialScoreRef, nullable: true, resolve: (a) => a.adversarial ?? null }),
    completedAt: t.field({ type: 'DateTime', nullable: true, resolve: (a) => a.completedAt ?? null }),
  }),
});

builder.objectFields(CallRef, (t) => ({
  analysis: t.field({
    type: CallAnalysisRef,
    nullable: true,
    description: 'The post-call analysis, once written (calls that had a conversation).',
    resolve: (call, _args, { em }) => em.findOne(CallAnalysis, { call: call.id }),
  }),
  outcome: t.exposeString('outcome', { nullable: true, description: 'The analysis’s outcome.' }),
  adversarialScore: t.exposeFloat('adversarialScore', {
    nullable: true,
    description: 'The analysis’s adversarial score, 0–10.',
  }),
}));

const CallOutcomeRef = builder.objectRef<CallOutcome>('CallOutcome').implement({
  fields: (t) => ({ name: t.exposeString('name'), description: t.exposeString('description') }),
});

const SchemaFieldRef = builder
  .objectRef<{ path: string; name: string; description: string | null; required: boolean }>('ExtractionSchemaField')
  .implement({
    fields: (t) => ({
      path: t.exposeString('path'),
      name: t.exposeString('name'),
      description: t.exposeString('description', { nullable: true }),
      required: t.exposeBoolean('required'),
    }),
  });

const fieldsOf = (schema: unknown) => {
  try {
    return compileExtractionSchema(schema).fields;
  } catch {
    return [];
  }
};

const PostCallSettingsRef = builder.objectRef<PostCallSettings>('PostCallSettings').implement({
  description: 'What happens after a call: the outcomes it may end in, when a caller is flagged, the data it collects.',
  fields: (t) => ({
    outcomes: t.field({ type: [CallOutcomeRef], resolve: (s) => s.outcomes }),
    adversarialAlertThreshold: t.exposeFloat('adversarialAlertThreshold'),
    extractionSchema: t.string({
      nullable: true,
      description: 'The JSON Schema of the data calls collect, as JSON; null: nothing is extracted.',
      resolve: (s) => (s.extractionSchema ? JSON.stringify(s.extractionSchema, null, 2) : null),
    }),
    extractionFields: t.field({
      type: [SchemaFieldRef],
      resolve: (s) => (s.extractionSchema ? fieldsOf(s.extractionSchema) : []),
    }),
  }),
});

builder.objectFields(BusinessConfigRef, (t) => ({
  postCallSettings: t.field({ type: PostCallSettingsRef, resolve: (business) => postCallSettingsOf(business) }),
}));

const ExtractionTemplateRef = builder
  .objectRef<{ name: string; label: string; schema: Record<string, unknown> }>('ExtractionTemplate')
  .implement({
    fields: (t) => ({
      name: t.exposeString('name'),
      label: t.exposeString('label'),
      schema: t.string({ description: 'The JSON Schema, as JSON.', resolve: (x) => JSON.stringify(x.schema, null, 2) }),
    }),
  });

const SchemaCheckRef = builder
  .objectRef<{ valid: boolean; problems: string[]; fields: ReturnType<typeof fieldsOf> }>('ExtractionSchemaCheck')
  .implement({
    fields: (t) => ({
      valid: t.exposeBoolean('valid'),
      problems: t.exposeStringList('problems'),
      fields: t.field({ type: [SchemaFieldRef], resolve: (c) => c.fields }),
    }),
  });

/** The text given as JSON, or the problem with it. */
function parseJson(text: string): { value: unknown } | { problem: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { problem: `is not JSON: ${(error as Error).message}` };
  }
}

builder.queryFields((t) => ({
  extractionTemplates: t.field({
    type: [ExtractionTemplateRef],
    authScopes: { permission: 'businesses:read' },
    resolve: () => Object.entries(EXTRACTION_TEMPLATES).map(([name, template]) => ({ name, ...template })),
  }),
  checkExtractionSchema: t.field({
    type: SchemaCheckRef,
    description:
      'Whether a JSON Schema can be a business’s extraction schema, and the fields it names (for the editor, before saving).',
    authScopes: { permission: 'businesses:read' },
    args: { schema: t.arg.string({ required: true }) },
    resolve: (_root, { schema }) => {
      if (schema.length > 64_000) return { valid: false, problems: ['must be at most 64000 characters'], fields: [] };
      const parsed = parseJson(schema);
      if ('problem' in parsed) return { valid: false, problems: [parsed.problem], fields: [] };
      const problems = extractionSchemaProblems(parsed.value);
      return { valid: !problems.length, problems, fields: problems.length ? [] : fieldsOf(parsed.value) };
    },
  }),
}));

const CallOutcomeInput = builder.inputType('CallOutcomeInput', {
  fields: (t) => ({ name: t.string({ required: true }), description: t.string({ required: false }) }),
});

const PostCallSettingsInput = builder.inputType('PostCallSettingsInput', {
  description: 'Any subset; fields left out keep their current value.',
  fields: (t) => ({
    outcomes: t.field({ type: [CallOutcomeInput], required: false }),
    adversarialAlertThreshold: t.float({
      required: false,
      description: '0–10; a score at or above it flags the call.',
    }),
    extractionSchema: t.string({
      required: false,
      description: 'A JSON Schema (draft-07) as JSON, with `type: "object"`.',
    }),
    clearExtractionSchema: t.boolean({ required: false, description: 'Extract nothing from now on.' }),
  }),
});

builder.mutationFields((t) => ({
  updatePostCallSettings: t.field({
    type: BusinessConfigRef,
    description: 'Changes what a business’s calls are analysed for; calls from now on use it.',
    authScopes: { permission: 'businesses:manage' },
    errors: { types: [NotFoundError, ValidationError] },
    args: { businessId: t.arg.id({ required: true }), input: t.arg({ type: PostCallSettingsInput, required: true }) },
    resolve: audited('BusinessConfig', async (_root, { businessId, input }, ctx) => {
      const business = await ownedOrNotFound(ctx, BusinessConfig, businessId);
      const current = postCallSettingsOf(business);
      let extractionSchema = current.extractionSchema;
      if (input.clearExtractionSchema) extractionSchema = null;
      else if (input.extractionSchema !== null && input.extractionSchema !== undefined) {
        const parsed = parseJson(input.extractionSchema);
        if ('problem' in parsed) throw new ValidationError([{ field: 'extractionSchema', message: parsed.problem }]);
        extractionSchema = parsed.value as Record<string, unknown>;
      }
      const next = parseInput(postCallSettingsSchema, {
        outcomes: input.outcomes ?? current.outcomes,
        adversarialAlertThreshold: input.adversarialAlertThreshold ?? current.adversarialAlertThreshold,
        extractionSchema,
      });
      ctx.audit.noteChanges({ before: summarize(current), after: summarize(next) });
      business.settings = { ...(business.settings ?? {}), postCall: next };
      await ctx.em.flush();
      return business;
    }),
  }),
  reanalyzeCall: t.field({
    type: CallAnalysisRef,
    description:
      'Runs a finished call’s post-call analysis again with its business’s current settings (say, a changed schema).',
    authScopes: { permission: 'quality:review' },
    errors: { types: [NotFoundError, ValidationError] },
    args: { callId: t.arg.id({ required: true }) },
    resolve: audited('CallAnalysis', async (_root, { callId }, ctx) => {
      const call = await findCall(ctx, callId);
      if (!TERMINAL_CALL_STATUSES.includes(call.status)) {
        throw new ValidationError([{ field: 'callId', message: 'the call has not ended yet' }]);
      }
      await ctx.workflows.reanalyzeCall(call.id);
      return ctx.em.findOneOrFail(CallAnalysis, { call: call.id }, { refresh: true });
    }),
  }),
}));

/** What the audit log keeps of the settings: the outcomes, the threshold and the schema's fields. */
const summarize = (settings: PostCallSettings) => ({
  outcomes: settings.outcomes.map((o) => o.name),
  adversarialAlertThreshold: settings.adversarialAlertThreshold,
  extractionFields: settings.extractionSchema ? fieldsOf(settings.extractionSchema).map((f) => f.name) : null,
});

builder.subscriptionFields((t) => ({
  callAnalyzed: t.field({
    type: CallAnalysisRef,
    description: "A call's post-call analysis, each time it is written.",
    authScopes: { permission: 'calls:read' },
    args: { callId: t.arg.id({ required: true }) },
    subscribe: (_root, { callId }, ctx) => {
      if (!isUuid(callId)) throw new ValidationError([{ field: 'callId', message: 'must be a UUID' }]);
      return organizationEventIds<{ organizationId: string; callId: string }>(
        ctx,
        { topic: TOPICS.analysis, key: callId },
        (p) => p.callId,
      );
    },
    resolve: (callId, _args, { em }) =>
      em.findOneOrFail(CallAnalysis, { call: callId as unknown as string }, { refresh: true }),
  }),
}));
