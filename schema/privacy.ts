/**
 * Personal data in transcripts: what was redacted from a line (kind and last digits, never the value),
 * and the originals a business keeps, revealed only to TRANSCRIPTS_REVEAL with every reveal audited.
 */
import { BusinessConfig, TranscriptLine, transcriptOriginalPurpose } from '../db/entities/index.ts';
import { NotFoundError, ValidationError } from '../lib/errors.ts';
import { PII_KINDS, type PiiKind, type Redaction } from '../lib/pii.ts';
import { type Disclosure, type PrivacySettings, privacyOf, privacySettingsSchema } from '../lib/privacy-settings.ts';
import { changesBetween } from './audit-changes.ts';
import { audited, builder } from './builder.ts';
import { BusinessConfigRef } from './business.ts';
import { findCall } from './call.ts';
import { TranscriptLineRef } from './call-record.ts';
import { ownedOrNotFound } from './lookup.ts';
import { parseInput } from './validation.ts';

export const PiiKindEnum = builder.enumType('PiiKind', {
  description: 'A kind of personal data redaction takes out of transcripts.',
  values: Object.fromEntries(PII_KINDS.map((kind) => [kind.toUpperCase(), { value: kind }])) as Record<
    Uppercase<PiiKind>,
    { value: PiiKind }
  >,
});

const RedactionRef = builder.objectRef<Redaction>('Redaction').implement({
  description: 'Personal data taken out of a line before it was stored: what kind, and only its last digits.',
  fields: (t) => ({
    kind: t.field({ type: PiiKindEnum, resolve: (r) => r.kind }),
    tail: t.exposeString('tail', { nullable: true, description: 'The last digits, as the placeholder shows them.' }),
  }),
});

export const redactionsOf = (line: { metadata?: Record<string, unknown> | null }): Redaction[] =>
  ((line.metadata as { redactions?: Redaction[] } | null)?.redactions ?? []) as Redaction[];

const DisclosureRef = builder.objectRef<Disclosure>('CallDisclosure').implement({
  description: 'What the agent says at the start of every call, and what counts as the caller objecting.',
  fields: (t) => ({
    text: t.exposeString('text', { nullable: true }),
    objectionPhrases: t.exposeStringList('objectionPhrases', {
      description: 'A caller line with one of these stops the transcript from that line on.',
    }),
  }),
});

const PrivacySettingsRef = builder.objectRef<PrivacySettings>('PrivacySettings').implement({
  fields: (t) => ({
    redact: t.field({
      type: [PiiKindEnum],
      description: 'Kinds replaced by placeholders before a line is stored or published.',
      resolve: (s) => s.redact,
    }),
    keepOriginals: t.exposeBoolean('keepOriginals', {
      description: 'Redacted lines keep their original, encrypted, for `transcripts:reveal`.',
    }),
    disclosure: t.field({ type: DisclosureRef, resolve: (s) => s.disclosure }),
  }),
});

builder.objectField(BusinessConfigRef, 'privacy', (t) =>
  t.field({ type: PrivacySettingsRef, resolve: (business) => privacyOf(business) }),
);

const PrivacySettingsInput = builder.inputType('PrivacySettingsInput', {
  description: 'Fields left out keep their value.',
  fields: (t) => ({
    redact: t.field({ type: [PiiKindEnum], required: false }),
    keepOriginals: t.boolean({ required: false }),
    disclosureText: t.string({ required: false, description: 'Empty for none.' }),
    objectionPhrases: t.stringList({ required: false }),
  }),
});

builder.objectField(TranscriptLineRef, 'redactions', (t) =>
  t.field({
    type: [RedactionRef],
    description: "Personal data replaced by placeholders in `text` (the business's privacy settings).",
    resolve: (line) => redactionsOf(line),
  }),
);

interface RevealedLine {
  sequence: number;
  text: string;
}

const RevealedLineRef = builder.objectRef<RevealedLine>('RevealedTranscriptLine').implement({
  description: 'A redacted line as it was spoken.',
  fields: (t) => ({
    sequence: t.exposeInt('sequence'),
    text: t.exposeString('text'),
  }),
});

builder.mutationFields((t) => ({
  updatePrivacySettings: t.field({
    type: BusinessConfigRef,
    description:
      "Changes what a business's calls redact and keep, and the disclosure its agent speaks; from the next line on.",
    authScopes: { permission: 'privacy:manage' },
    errors: { types: [NotFoundError, ValidationError] },
    args: { businessId: t.arg.id({ required: true }), input: t.arg({ type: PrivacySettingsInput, required: true }) },
    resolve: audited('BusinessConfig', async (_root, { businessId, input }, ctx) => {
      const business = await ownedOrNotFound(ctx, BusinessConfig, businessId);
      const current = privacyOf(business);
      const settings = parseInput(privacySettingsSchema, {
        redact: input.redact ?? current.redact,
        keepOriginals: input.keepOriginals ?? current.keepOriginals,
        disclosure: {
          text:
            input.disclosureText === undefined || input.disclosureText === null
              ? current.disclosure.text
              : input.disclosureText.trim() || null,
          objectionPhrases: input.objectionPhrases ?? current.disclosure.objectionPhrases,
        },
      });
      business.settings = { ...(business.settings ?? {}), privacy: settings };
      await ctx.em.flush();
      const changes = changesBetween({ ...current }, { ...settings });
      if (changes) ctx.audit.noteChanges(changes);
      return business;
    }),
  }),
  revealTranscriptOriginals: t.field({
    type: [RevealedLineRef],
    description:
      "The call's redacted lines as they were spoken, where its business keeps originals (an empty list where it does not). Every reveal is in the audit log.",
    authScopes: { permission: 'transcripts:reveal' },
    errors: { types: [NotFoundError] },
    args: { callId: t.arg.id({ required: true }) },
    resolve: audited('Call', async (_root, { callId }, ctx) => {
      const call = await findCall(ctx, callId);
      const lines = await ctx.em.find(
        TranscriptLine,
        { call: call.id, originalText: { $ne: null } },
        { fields: ['sequence', 'originalText'], orderBy: { sequence: 'asc' } },
      );
      const purpose = transcriptOriginalPurpose(call.id);
      ctx.audit.noteChanges({ before: {}, after: { revealedLines: lines.length } });
      return lines.map((line) => ({
        sequence: line.sequence,
        text: ctx.encryption.open(call.organization.id, purpose, line.originalText as string),
      }));
    }),
  }),
}));
