/**
 * Creating, changing, archiving, restoring and deleting businesses. Input is validated field by field
 * (numbers normalised to E.164 with libphonenumber-js, templates parsed, zones and languages checked);
 * a number another business answers, in any organisation, is refused (the database refuses it too);
 * every change is audited with its before and after; a change of instructions or greeting makes a new
 * version, which the next call runs with.
 */
import { FlushMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  BUSINESS_TYPES,
  BusinessConfig,
  BusinessInstructionsVersion,
  BusinessPhoneNumber,
  Call,
  Organization,
} from '../db/entities/index.ts';
import { knowledgeLookupOf, knowledgeLookupSchema } from '../knowledge/lookup-settings.ts';
import { templateProblems } from '../lib/agent-prompt.ts';
import { ConflictError, type FieldError, NotFoundError, ValidationError } from '../lib/errors.ts';
import { normalizePhoneNumber, phoneCountry } from '../lib/phone.ts';
import { qualitySettingsOf, qualitySettingsSchema } from '../quality/settings.ts';
import { changesBetween } from './audit-changes.ts';
import { audited, builder } from './builder.ts';
import { BusinessConfigRef, BusinessTypeEnum, REALTIME_VOICES } from './business.ts';
import { templateFor } from './business-templates.ts';
import type { GatewayContext } from './context.ts';
import { ownedOrNotFound } from './lookup.ts';
import { parseInput } from './validation.ts';

const CallingHoursWindowInput = builder.inputType('CallingHoursWindowInput', {
  description: "Local times in the business's time zone.",
  fields: (t) => ({
    start: t.string({ required: true, description: 'HH:MM, 24-hour.' }),
    end: t.string({ required: true }),
    days: t.intList({ required: true, description: '1 = Monday … 7 = Sunday.' }),
  }),
});
const KnowledgeLookupInput = builder.inputType('KnowledgeLookupInput', {
  fields: (t) => ({
    enabled: t.boolean({ required: false }),
    maxResults: t.int({ required: false }),
    minScore: t.float({ required: false }),
  }),
});

type BusinessFieldsBuilder = Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0];
const businessFields = (t: BusinessFieldsBuilder, nameRequired: boolean) => ({
  name: t.string({ required: nameRequired }),
  type: t.field({ type: BusinessTypeEnum, required: false }),
  description: t.string({ required: false }),
  phoneNumbers: t.stringList({
    required: false,
    description: "As written (spaces, dashes, national form in the organisation's country); stored in E.164.",
  }),
  instructions: t.string({
    required: false,
    description: 'A template with {{variables}}; a new business starts from its type’s template.',
  }),
  greeting: t.string({ required: false, description: 'What the agent says first; empty for none.' }),
  voice: t.string({ required: false }),
  model: t.string({ required: false, description: 'A Realtime model, e.g. gpt-realtime.' }),
  language: t.string({ required: false, description: 'BCP 47, e.g. en-US.' }),
  timeZone: t.string({ required: false, description: 'IANA, e.g. America/New_York.' }),
  escalationKeywords: t.stringList({ required: false }),
  handoffNumber: t.string({ required: false, description: 'Empty to remove.' }),
  answeringMachineDetection: t.boolean({ required: false }),
  voicemailMessage: t.string({ required: false, description: 'Empty to hang up on machines instead.' }),
  callingHours: t.field({ type: CallingHoursWindowInput, required: false }),
  clearCallingHours: t.boolean({ required: false, description: 'Allow outbound calls at any time.' }),
  knowledgeLookup: t.field({ type: KnowledgeLookupInput, required: false }),
});
const CreateBusinessInput = builder.inputType('CreateBusinessInput', { fields: (t) => businessFields(t, true) });
const UpdateBusinessInput = builder.inputType('UpdateBusinessInput', {
  description: 'Fields left out keep their value.',
  fields: (t) => businessFields(t, false),
});

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const template = (max: number) =>
  text(max).superRefine((value, ctx) => {
    for (const message of templateProblems(value)) ctx.addIssue({ code: 'custom', message });
  });
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');
const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));

/** The input's schema; numbers without a country code are read in `country`. */
function businessSchema(country: string | null) {
  const phone = z.string().transform((value, ctx) => {
    const read = normalizePhoneNumber(value, phoneCountry(country));
    if (!read.ok) {
      ctx.addIssue({ code: 'custom', message: read.problem });
      return z.NEVER;
    }
    return read.e164;
  });
  return z.object({
    name: z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters').optional(),
    type: z.enum(BUSINESS_TYPES).optional(),
    description: text(2000).nullish(),
    phoneNumbers: z
      .array(phone)
      .max(20, 'can hold at most 20 numbers')
      .superRefine((numbers, ctx) => {
        numbers.forEach((number, index) => {
          if (numbers.indexOf(number) !== index)
            ctx.addIssue({ code: 'custom', path: [index], message: `lists ${number} twice` });
        });
      })
      .optional(),
    instructions: template(20_000).pipe(z.string().min(1, 'is required')).optional(),
    greeting: template(1_000).nullish(),
    voice: z
      .enum(REALTIME_VOICES as [string, ...string[]], { message: `must be one of ${REALTIME_VOICES.join(', ')}` })
      .optional(),
    model: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9.-]{2,62}$/, 'must be a model name such as gpt-realtime')
      .refine((model) => model.includes('realtime'), 'must be a Realtime model (its name contains "realtime")')
      .optional(),
    language: z
      .string()
      .trim()
      .transform((tag, ctx) => {
        try {
          const [canonical] = Intl.getCanonicalLocales(tag);
          if (canonical) return canonical;
        } catch {}
        ctx.addIssue({ code: 'custom', message: 'must be a BCP 47 language tag such as en-US' });
        return z.NEVER;
      })
      .optional(),
    timeZone: z
      .string()
      .trim()
      .refine((zone) => {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: zone });
          return zone.length > 0;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone such as America/New_York')
      .optional(),
    escalationKeywords: z.array(z.string().trim().min(1, 'must not be empty').max(60)).max(50).optional(),
    handoffNumber: z.union([z.literal('').transform(() => null), phone]).nullish(),
    answeringMachineDetection: z.boolean().optional(),
    voicemailMessage: text(1_000).nullish(),
    callingHours: z
      .object({
        start: clockTime,
        end: clockTime,
        days: z.array(z.number().int().min(1).max(7)).min(1, 'needs at least one day').max(7),
      })
      .refine((hours) => minutes(hours.end) > minutes(hours.start), { message: 'must be after start', path: ['end'] })
      .nullish(),
    clearCallingHours: z.boolean().nullish(),
    knowledgeLookup: z
      .object({
        enabled: z.boolean().nullish(),
        maxResults: z.number().int().min(1).max(10).nullish(),
        minScore: z.number().min(0).max(1).nullish(),
      })
      .nullish(),
  });
}
type BusinessInput = z.infer<ReturnType<typeof businessSchema>>;

/** What an audit entry shows of a business. */
function snapshot(b: BusinessConfig): Record<string, unknown> {
  const quality = qualitySettingsOf(b);
  return {
    name: b.name,
    type: b.type,
    description: b.description ?? null,
    phoneNumbers: b.phoneNumbers,
    instructions: b.systemPrompt,
    greeting: b.greeting ?? null,
    instructionsVersion: b.instructionsVersion,
    voice: b.voice,
    model: b.model,
    language: b.language,
    timeZone: b.timeZone,
    escalationKeywords: quality.escalationKeywords,
    handoffNumber: b.handoffNumber ?? null,
    answeringMachineDetection: b.answeringMachineDetection,
    voicemailMessage: b.voicemailMessage ?? null,
    callingHours: quality.callingHours,
    knowledgeLookup: knowledgeLookupOf(b),
    active: b.active,
  };
}

const blankToNull = (value: string | null | undefined) => (value === undefined ? undefined : value || null);

/** Applies validated input to a business (new or existing); answers whether the instructions changed. */
function apply(business: BusinessConfig, input: BusinessInput): boolean {
  const before = { instructions: business.systemPrompt, greeting: business.greeting ?? null };
  const set = <K extends keyof BusinessConfig>(key: K, value: BusinessConfig[K] | undefined) => {
    if (value !== undefined) business[key] = value;
  };
  set('name', input.name);
  set('type', input.type);
  set('description', blankToNull(input.description));
  set('phoneNumbers', input.phoneNumbers);
  set('systemPrompt', input.instructions);
  set('greeting', blankToNull(input.greeting));
  set('voice', input.voice);
  set('model', input.model);
  set('language', input.language);
  set('timeZone', input.timeZone);
  set('handoffNumber', input.handoffNumber === undefined ? undefined : (input.handoffNumber ?? null));
  set('answeringMachineDetection', input.answeringMachineDetection);
  set('voicemailMessage', blankToNull(input.voicemailMessage));
  const quality = qualitySettingsOf(business);
  const callingHours = input.clearCallingHours
    ? null
    : input.callingHours
      ? { ...input.callingHours, timeZone: business.timeZone }
      : quality.callingHours && { ...quality.callingHours, timeZone: business.timeZone };
  const lookup = knowledgeLookupOf(business);
  const given = input.knowledgeLookup ?? {};
  business.settings = {
    ...(business.settings ?? {}),
    quality: qualitySettingsSchema.parse({
      ...quality,
      escalationKeywords: input.escalationKeywords ?? quality.escalationKeywords,
      callingHours,
    }),
    knowledge: knowledgeLookupSchema.parse({
      enabled: given.enabled ?? lookup.enabled,
      maxResults: given.maxResults ?? lookup.maxResults,
      minScore: given.minScore ?? lookup.minScore,
    }),
  };
  return before.instructions !== business.systemPrompt || before.greeting !== (business.greeting ?? null);
}

/** Field errors for the numbers and the name that someone else already has; none when all are free. */
async function claimProblems(em: EntityManager, business: BusinessConfig): Promise<FieldError[]> {
  const problems: FieldError[] = [];
  if (business.active && business.phoneNumbers.length) {
    const taken = await em.find(
      BusinessPhoneNumber,
      { number: { $in: business.phoneNumbers }, ...(business.id && { business: { $ne: business.id } }) },
      { flushMode: FlushMode.COMMIT },
    );
    for (const { number } of taken) {
      problems.push({
        field: `phoneNumbers.${business.phoneNumbers.indexOf(number)}`,
        message: `${number} is already answered by another business`,
      });
    }
  }
  const sameName = await em.findOne(
    BusinessConfig,
    { organization: business.organization.id, name: business.name, ...(business.id && { id: { $ne: business.id } }) },
    { flushMode: FlushMode.COMMIT },
  );
  if (sameName) problems.push({ field: 'name', message: 'another business of the organisation has this name' });
  return problems;
}

/** Flushes, turning a unique violation that raced the checks into the same field errors. */
async function saveChecked(ctx: GatewayContext, business: BusinessConfig, em: EntityManager): Promise<void> {
  const problems = await claimProblems(em, business);
  if (problems.length) throw new ValidationError(problems);
  try {
    await em.flush();
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const raced = await claimProblems(ctx.em.fork(), business);
    throw new ValidationError(raced.length ? raced : [{ field: 'phoneNumbers', message: 'a number is already taken' }]);
  }
}

function newVersion(ctx: GatewayContext, em: EntityManager, business: BusinessConfig): void {
  em.create(BusinessInstructionsVersion, {
    business,
    version: business.instructionsVersion,
    instructions: business.systemPrompt,
    greeting: business.greeting ?? null,
    createdById: ctx.auth!.id,
    createdByLabel: ctx.auth!.label,
  });
}

const countryOf = async (ctx: GatewayContext) =>
  (await ctx.em.findOneOrFail(Organization, ctx.auth!.organizationId)).country ?? null;

builder.mutationFields((t) => ({
  createBusiness: t.field({
    type: BusinessConfigRef,
    description: 'A new business; instructions and greeting default to its type’s template.',
    authScopes: { permission: 'businesses:manage' },
    errors: { types: [ValidationError] },
    args: { input: t.arg({ type: CreateBusinessInput, required: true }) },
    resolve: audited('BusinessConfig', async (_root, { input: raw }, ctx) => {
      const organization = await ctx.em.findOneOrFail(Organization, ctx.auth!.organizationId);
      const input = parseInput(businessSchema(organization.country ?? null), raw);
      const type = input.type ?? 'customer_support';
      const starting = templateFor(type);
      return ctx.em.transactional(async (em) => {
        const business = em.create(BusinessConfig, {
          organization,
          name: input.name ?? '',
          type,
          systemPrompt: input.instructions ?? starting.instructions,
          greeting: input.greeting === undefined ? starting.greeting : blankToNull(input.greeting),
          timeZone: organization.timeZone,
          instructionsVersion: 1,
        });
        apply(business, input);
        newVersion(ctx, em, business);
        await saveChecked(ctx, business, em);
        ctx.audit.noteChanges(changesBetween(null, snapshot(business)) ?? { before: {}, after: {} });
        return business;
      });
    }),
  }),
  updateBusiness: t.field({
    type: BusinessConfigRef,
    description:
      'Changes a business; calls from now on use the change. New instructions or a new greeting make a new version.',
    authScopes: { permission: 'businesses:manage' },
    errors: { types: [NotFoundError, ValidationError] },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateBusinessInput, required: true }) },
    resolve: audited('BusinessConfig', async (_root, { id, input: raw }, ctx) => {
      const input = parseInput(businessSchema(await countryOf(ctx)), raw);
      return ctx.em.transactional(async (em) => {
        const business = await ownedOrNotFound({ ...ctx, em }, BusinessConfig, id);
        const before = snapshot(business);
        if (apply(business, input)) {
          business.instructionsVersion += 1;
          newVersion(ctx, em, business);
        }
        await saveChecked(ctx, business, em);
        const changes = changesBetween(before, snapshot(business));
        if (changes) ctx.audit.noteChanges(changes);
        return business;
      });
    }),
  }),
  archiveBusiness: t.field({
    type: BusinessConfigRef,
    description:
      'Stops a business answering: inbound calls to its numbers hear it is not in service, no calls can be started, and its numbers are free for another business. It keeps its calls and can be restored.',
    authScopes: { permission: 'businesses:manage' },
    errors: { types: [NotFoundError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: audited('BusinessConfig', async (_root, { id }, ctx) => {
      const business = await ownedOrNotFound(ctx, BusinessConfig, id);
      if (!business.active) return business;
      Object.assign(business, { active: false, archivedAt: new Date() });
      await ctx.em.flush();
      ctx.audit.noteChanges({ before: { active: true }, after: { active: false } });
      return business;
    }),
  }),
  restoreBusiness: t.field({
    type: BusinessConfigRef,
    description: 'Makes an archived business answer again; refused while another business has one of its numbers.',
    authScopes: { permission: 'businesses:manage' },
    errors: { types: [NotFoundError, ValidationError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: audited('BusinessConfig', async (_root, { id }, ctx) => {
      const business = await ownedOrNotFound(ctx, BusinessConfig, id);
      if (business.active) return business;
      Object.assign(business, { active: true, archivedAt: null });
      await saveChecked(ctx, business, ctx.em);
      ctx.audit.noteChanges({ before: { active: false }, after: { active: true } });
      return business;
    }),
  }),
  deleteBusiness: t.field({
    type: 'ID',
    description: 'Deletes a business that has never had a call; one with calls is archived instead (ConflictError).',
    authScopes: { permission: 'businesses:manage' },
    errors: { types: [NotFoundError, ConflictError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: audited('BusinessConfig', async (_root, { id }, ctx) => {
      const business = await ownedOrNotFound(ctx, BusinessConfig, id);
      const calls = await ctx.em.count(Call, { business: business.id });
      if (calls) {
        throw new ConflictError(
          `${business.name} has ${calls} call${calls === 1 ? '' : 's'}: archive it instead, so they keep their business`,
        );
      }
      ctx.audit.noteChanges(changesBetween(snapshot(business), null) ?? { before: {}, after: {} });
      await ctx.em.remove(business).flush();
      return id;
    }),
  }),
}));
