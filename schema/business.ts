/**
 * Businesses over GraphQL: what each answers with (numbers, instructions, voice, model, language,
 * time zone, escalation, voicemail, knowledge lookup), its instructions' history, the templates new
 * businesses start from, and a preview of the prompt the agent will get. Changes: ./business-mutations.ts.
 */

import { callPromptValues } from '../db/agent-profile.ts';
import {
  BUSINESS_TYPES,
  BusinessConfig,
  BusinessInstructionsVersion,
  Call,
  Organization,
} from '../db/entities/index.ts';
import { type KnowledgeLookupSettings, knowledgeLookupOf } from '../knowledge/lookup-settings.ts';
import {
  agentInstructions,
  openingInstruction,
  PROMPT_VARIABLES,
  type PromptVariable,
  renderTemplate,
  templateProblems,
} from '../lib/agent-prompt.ts';
import type { FieldError } from '../lib/errors.ts';
import { type CallingHours, qualitySettingsOf } from '../quality/settings.ts';
import { builder } from './builder.ts';
import { BUSINESS_TEMPLATES, type BusinessTemplate } from './business-templates.ts';
import { findOwned } from './lookup.ts';

export const BusinessTypeEnum = builder.enumType('BusinessType', {
  values: Object.fromEntries(BUSINESS_TYPES.map((value) => [value.toUpperCase(), { value }])),
});

/** The Realtime API's voices and models the console offers (the API accepts other model names too). */
export const REALTIME_VOICES = [
  'alloy',
  'ash',
  'ballad',
  'cedar',
  'coral',
  'echo',
  'marin',
  'sage',
  'shimmer',
  'verse',
];
export const REALTIME_MODELS = [
  'gpt-realtime',
  'gpt-realtime-mini',
  'gpt-4o-realtime-preview',
  'gpt-4o-mini-realtime-preview',
];

const CallingHoursRef = builder.objectRef<CallingHours>('CallingHours').implement({
  description: 'When outbound calls may be placed, in local time of `timeZone`.',
  fields: (t) => ({
    start: t.exposeString('start', { description: 'HH:MM, inclusive.' }),
    end: t.exposeString('end', { description: 'HH:MM, exclusive.' }),
    timeZone: t.exposeString('timeZone'),
    days: t.exposeIntList('days', { description: '1 = Monday … 7 = Sunday.' }),
  }),
});

const KnowledgeLookupRef = builder.objectRef<KnowledgeLookupSettings>('KnowledgeLookupSettings').implement({
  description: "How the voice agent's `lookup_knowledge` tool reads the knowledge base.",
  fields: (t) => ({
    enabled: t.exposeBoolean('enabled', { description: 'Off: the agent is not offered the tool.' }),
    maxResults: t.exposeInt('maxResults', { description: 'Passages read per question.' }),
    minScore: t.exposeFloat('minScore', { description: 'Passages scoring below this (0–1) are not used.' }),
  }),
});

export const InstructionsVersionRef = builder.objectRef<BusinessInstructionsVersion>('InstructionsVersion').implement({
  description: 'One version of a business’s agent instructions and greeting, with who made it.',
  fields: (t) => ({
    id: t.exposeID('id'),
    version: t.exposeInt('version'),
    instructions: t.exposeString('instructions'),
    greeting: t.exposeString('greeting', { nullable: true }),
    createdBy: t.string({
      nullable: true,
      description: 'The user or API key that made it; null for versions the platform made.',
      resolve: (v) => v.createdByLabel ?? null,
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (v) => v.createdAt }),
    callCount: t.int({
      description: 'Calls that ran with this version.',
      resolve: (v, _args, { em }) => em.count(Call, { instructionsVersion: v.id }),
    }),
  }),
});

export const BusinessConfigRef = builder.objectRef<BusinessConfig>('BusinessConfig').implement({
  description: 'A business the platform answers for: its AI persona, voice and escalation rules.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    type: t.field({ type: BusinessTypeEnum, resolve: (b) => b.type }),
    description: t.exposeString('description', { nullable: true }),
    phoneNumbers: t.exposeStringList('phoneNumbers', { description: 'E.164 numbers that route inbound calls here.' }),
    instructions: t.exposeString('systemPrompt', {
      description: 'The agent’s instructions, a template with {{variables}} (see `previewAgentPrompt`).',
    }),
    systemPrompt: t.exposeString('systemPrompt', { deprecationReason: 'Use `instructions`.' }),
    greeting: t.exposeString('greeting', { nullable: true }),
    instructionsVersion: t.exposeInt('instructionsVersion', {
      description: 'The current instructions version; calls record the one they ran with.',
    }),
    instructionsHistory: t.field({
      type: [InstructionsVersionRef],
      description: 'Every version of the instructions, newest first.',
      args: { first: t.arg.int({ defaultValue: 20 }) },
      resolve: (b, { first }, { em }) =>
        em.find(
          BusinessInstructionsVersion,
          { business: b.id },
          { orderBy: { version: 'desc' }, limit: Math.min(Math.max(first ?? 20, 1), 100) },
        ),
    }),
    voice: t.exposeString('voice'),
    model: t.exposeString('model', { description: 'The Realtime model.' }),
    temperature: t.float({ resolve: (b) => Number(b.temperature) }),
    language: t.exposeString('language', { description: 'BCP 47 tag of the language the agent speaks.' }),
    timeZone: t.exposeString('timeZone', { description: 'IANA time zone: the agent’s clock and the calling hours.' }),
    callingHours: t.field({
      type: CallingHoursRef,
      nullable: true,
      description: 'When outbound calls may be placed; null for any time.',
      resolve: (b) => qualitySettingsOf(b).callingHours,
    }),
    escalationKeywords: t.stringList({
      description: 'Words in a caller’s line that escalate the call to a human.',
      resolve: (b) => qualitySettingsOf(b).escalationKeywords,
    }),
    handoffNumber: t.exposeString('handoffNumber', {
      nullable: true,
      description: 'Where a take over or escalation sends the caller when no other number is given (E.164).',
    }),
    answeringMachineDetection: t.exposeBoolean('answeringMachineDetection', {
      description: 'Outbound calls detect answering machines: leave `voicemailMessage`, or hang up without one.',
    }),
    voicemailMessage: t.exposeString('voicemailMessage', { nullable: true }),
    knowledgeLookup: t.field({ type: KnowledgeLookupRef, resolve: (b) => knowledgeLookupOf(b) }),
    active: t.exposeBoolean('active', { description: 'False once archived.' }),
    archivedAt: t.field({ type: 'DateTime', nullable: true, resolve: (b) => b.archivedAt ?? null }),
    callCount: t.int({
      description: 'Calls recorded for the business (a business with calls can be archived, not deleted).',
      resolve: (b, _args, { em }) => em.count(Call, { business: b.id }),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (b) => b.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (b) => b.updatedAt }),
  }),
});

const BusinessTemplateRef = builder.objectRef<BusinessTemplate>('BusinessTemplate').implement({
  fields: (t) => ({
    type: t.field({ type: BusinessTypeEnum, resolve: (b) => b.type }),
    label: t.exposeString('label'),
    instructions: t.exposeString('instructions'),
    greeting: t.exposeString('greeting'),
  }),
});

interface PromptVariableValue {
  name: string;
  description: string;
  value: string;
}
const PromptVariableRef = builder.objectRef<PromptVariableValue>('PromptVariable').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    value: t.exposeString('value', { description: 'What it becomes in this preview.' }),
  }),
});

interface PromptPreview {
  prompt: string;
  greeting: string | null;
  problems: FieldError[];
  variables: PromptVariableValue[];
}
const FieldErrorRef = builder.objectRef<FieldError>('PromptProblem').implement({
  fields: (t) => ({ field: t.exposeString('field'), message: t.exposeString('message') }),
});
const PromptPreviewRef = builder.objectRef<PromptPreview>('AgentPromptPreview').implement({
  fields: (t) => ({
    prompt: t.exposeString('prompt', {
      description: 'The instructions exactly as the Realtime model gets them on a new call.',
    }),
    greeting: t.exposeString('greeting', { nullable: true }),
    problems: t.field({
      type: [FieldErrorRef],
      description: 'Template errors; saving would refuse them.',
      resolve: (p) => p.problems,
    }),
    variables: t.field({ type: [PromptVariableRef], resolve: (p) => p.variables }),
  }),
});

const PromptDraftInput = builder.inputType('AgentPromptDraftInput', {
  description: 'A draft to preview; fields left out come from the business (or a new business’s defaults).',
  fields: (t) => ({
    name: t.string({ required: false }),
    description: t.string({ required: false }),
    instructions: t.string({ required: false }),
    greeting: t.string({ required: false }),
    language: t.string({ required: false }),
    timeZone: t.string({ required: false }),
    handoffNumber: t.string({ required: false }),
  }),
});

/** A caller's number for previews: the simulators' cooperative persona. */
const EXAMPLE_CUSTOMER_NUMBER = '+15550100000';

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};
const isLanguage = (tag: string) => {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
};

builder.queryFields((t) => ({
  businessConfigs: t.field({
    type: [BusinessConfigRef],
    authScopes: { permission: 'businesses:read' },
    args: { includeInactive: t.arg.boolean({ defaultValue: false, description: 'Archived businesses too.' }) },
    resolve: (_root, { includeInactive }, { em, auth }) =>
      em.find(
        BusinessConfig,
        { organization: auth!.organizationId, ...(includeInactive ? {} : { active: true }) },
        { orderBy: { name: 'asc' } },
      ),
  }),
  businessConfig: t.field({
    type: BusinessConfigRef,
    nullable: true,
    authScopes: { permission: 'businesses:read' },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => findOwned(ctx, BusinessConfig, id),
  }),
  businessTemplates: t.field({
    type: [BusinessTemplateRef],
    description: 'Instructions and greetings a new business of each type starts with.',
    authScopes: { permission: 'businesses:read' },
    resolve: () => [...BUSINESS_TEMPLATES],
  }),
  previewAgentPrompt: t.field({
    type: PromptPreviewRef,
    description:
      'The prompt the voice agent would get on an outbound call now, with the template variables filled in (a sample caller number), for a business or a draft of one.',
    authScopes: { permission: 'businesses:read' },
    args: { businessId: t.arg.id({ required: false }), draft: t.arg({ type: PromptDraftInput, required: true }) },
    resolve: async (_root, { businessId, draft }, ctx) => {
      const saved = businessId ? await findOwned(ctx, BusinessConfig, businessId) : null;
      const organization = await ctx.em.findOneOrFail(Organization, ctx.auth!.organizationId);
      const given = <T>(value: T | null | undefined, fallback: T) =>
        value === null || value === undefined ? fallback : value;
      const language = given(draft.language, saved?.language ?? 'en-US');
      const timeZone = given(draft.timeZone, saved?.timeZone ?? organization.timeZone);
      const business = {
        ...(saved ?? { phoneNumbers: [] as string[] }),
        name: given(draft.name, saved?.name ?? 'Your business'),
        description: given(draft.description, saved?.description ?? null),
        language: isLanguage(language) ? language : 'en-US',
        timeZone: isTimeZone(timeZone) ? timeZone : 'UTC',
        handoffNumber: given(draft.handoffNumber, saved?.handoffNumber ?? null) || null,
      } as BusinessConfig;
      const instructions = given(draft.instructions, saved?.systemPrompt ?? '');
      const greeting = given(draft.greeting, saved?.greeting ?? '') || null;
      const problems = [
        ...templateProblems(instructions).map((message) => ({ field: 'instructions', message })),
        ...(greeting ? templateProblems(greeting).map((message) => ({ field: 'greeting', message })) : []),
        ...(isLanguage(language)
          ? []
          : [{ field: 'language', message: 'must be a BCP 47 language tag such as en-US' }]),
        ...(isTimeZone(timeZone)
          ? []
          : [{ field: 'timeZone', message: 'must be an IANA time zone such as Europe/Berlin' }]),
      ];
      const values = callPromptValues(business, organization.name, {
        direction: 'outbound',
        fromNumber: business.phoneNumbers[0] ?? '',
        toNumber: EXAMPLE_CUSTOMER_NUMBER,
      });
      const render = (template: string) =>
        templateProblems(template).length ? template : renderTemplate(template, values);
      const renderedGreeting = greeting ? render(greeting) : null;
      return {
        prompt: agentInstructions(render(instructions), business.language) + openingInstruction(renderedGreeting),
        greeting: renderedGreeting,
        problems,
        variables: (Object.keys(PROMPT_VARIABLES) as PromptVariable[]).map((name) => ({
          name,
          description: PROMPT_VARIABLES[name],
          value: values[name],
        })),
      };
    },
  }),
}));
