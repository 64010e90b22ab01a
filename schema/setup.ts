/**
 * A new organisation: sign-up (when the operator enables it), its details, and the setup wizard that
 * leads its admin from an empty organisation to a business that has answered a test call. Each step
 * is kept as it is done or skipped, so the admin can leave and carry on later.
 */
import { z } from 'zod';
import { BusinessConfig, Call, Organization, type SetupState } from '../db/entities/index.ts';
import { createOrganization } from '../db/organizations.ts';
import { ConflictError, ForbiddenActionError, NotFoundError, ValidationError } from '../lib/errors.ts';
import { phoneCountry } from '../lib/phone.ts';
import { AuthPayloadRef, asPayload, limitLogin } from './auth.ts';
import { audited, builder } from './builder.ts';
import type { GatewayContext } from './context.ts';
import { findOwned } from './lookup.ts';
import { OrganizationRef } from './users.ts';
import { parseInput } from './validation.ts';

export const SETUP_STEPS = [
  { name: 'organization', title: 'Organisation details', optional: false },
  { name: 'business', title: 'First business', optional: false },
  { name: 'credentials', title: 'Twilio, OpenAI and email', optional: true },
  { name: 'phone_number', title: 'Phone number', optional: false },
  { name: 'knowledge', title: 'First knowledge document', optional: true },
  { name: 'test_call', title: 'Test call', optional: false },
] as const;
type StepName = (typeof SETUP_STEPS)[number]['name'];

const SetupStepEnum = builder.enumType('SetupStep', {
  values: Object.fromEntries(SETUP_STEPS.map((s) => [s.name.toUpperCase(), { value: s.name, description: s.title }])),
});
const StepStatusEnum = builder.enumType('SetupStepStatus', {
  values: { PENDING: { value: 'pending' }, DONE: { value: 'done' }, SKIPPED: { value: 'skipped' } },
});

interface WizardView {
  organization: Organization;
  state: SetupState;
}
const StepRef = builder
  .objectRef<{ name: StepName; title: string; optional: boolean; status: string }>('SetupWizardStep')
  .implement({
    fields: (t) => ({
      step: t.field({ type: SetupStepEnum, resolve: (s) => s.name }),
      title: t.exposeString('title'),
      optional: t.exposeBoolean('optional', { description: 'May be skipped (the platform defaults apply).' }),
      status: t.field({ type: StepStatusEnum, resolve: (s) => s.status as 'pending' }),
    }),
  });
const WizardRef = builder.objectRef<WizardView>('SetupWizard').implement({
  description: "The setup wizard of the signed-in admin's organisation.",
  fields: (t) => ({
    needed: t.boolean({
      description: 'False for organisations set up before the wizard (or by the demo seed).',
      resolve: (w) => w.organization.setup !== null && w.organization.setup !== undefined,
    }),
    steps: t.field({
      type: [StepRef],
      resolve: (w) => SETUP_STEPS.map((s) => ({ ...s, status: w.state.steps[s.name] ?? 'pending' })),
    }),
    currentStep: t.field({
      type: SetupStepEnum,
      nullable: true,
      description: 'The first step neither done nor skipped; null when finished.',
      resolve: (w) => (w.state.completedAt ? null : (SETUP_STEPS.find((s) => !w.state.steps[s.name])?.name ?? null)),
    }),
    businessId: t.id({ nullable: true, resolve: (w) => w.state.businessId }),
    testCallId: t.id({ nullable: true, resolve: (w) => w.state.testCallId }),
    completedAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (w) => (w.state.completedAt ? new Date(w.state.completedAt) : null),
    }),
  }),
});

const EMPTY: SetupState = { steps: {}, businessId: null, testCallId: null, completedAt: null };
const wizardOf = (organization: Organization): WizardView => ({ organization, state: organization.setup ?? EMPTY });

builder.objectFields(OrganizationRef, (t) => ({
  country: t.exposeString('country', {
    nullable: true,
    description: 'ISO 3166: numbers written without +country are read in it.',
  }),
  timeZone: t.exposeString('timeZone', { description: 'New businesses start in this time zone.' }),
}));

const OrganizationInput = builder.inputType('OrganizationInput', {
  fields: (t) => ({
    name: t.string({ required: false }),
    country: t.string({ required: false, description: 'ISO 3166 alpha-2, e.g. US; empty to clear.' }),
    timeZone: t.string({ required: false }),
  }),
});
const organizationSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(120).optional(),
  country: z
    .string()
    .trim()
    .transform((code, ctx) => {
      if (!code) return null;
      if (phoneCountry(code)) return code.toUpperCase();
      ctx.addIssue({ code: 'custom', message: 'must be an ISO 3166 country code such as US or DE' });
      return z.NEVER;
    })
    .nullish(),
  timeZone: z
    .string()
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Europe/Berlin')
    .optional(),
});

const SignUpInput = builder.inputType('SignUpInput', {
  fields: (t) => ({
    organizationName: t.string({ required: true }),
    displayName: t.string({ required: true }),
    email: t.string({ required: true }),
    password: t.string({ required: true }),
  }),
});

/** Finishing needs a working business: active, with a number, and a test call that went through. */
async function finishProblems(ctx: GatewayContext, state: SetupState): Promise<string[]> {
  const business = state.businessId ? await ctx.em.findOne(BusinessConfig, state.businessId) : null;
  const problems: string[] = [];
  if (!business?.active) problems.push('create the first business');
  else if (!business.phoneNumbers.length) problems.push('give the business a phone number');
  const call = state.testCallId ? await ctx.em.findOne(Call, state.testCallId) : null;
  if (!call || call.business.id !== business?.id || call.status !== 'completed')
    problems.push('place a test call that completes');
  return problems;
}

builder.queryFields((t) => ({
  signUpEnabled: t.boolean({
    description: 'Whether anyone may create an organisation with `signUp` (ORGANIZATION_SIGNUP).',
    resolve: (_root, _args, ctx) => ctx.config.organizations.signUpEnabled,
  }),
  setupWizard: t.field({
    type: WizardRef,
    authScopes: { permission: 'organization:manage' },
    resolve: async (_root, _args, ctx) => wizardOf(await ctx.em.findOneOrFail(Organization, ctx.auth!.organizationId)),
  }),
}));

builder.mutationFields((t) => ({
  signUp: t.field({
    type: AuthPayloadRef,
    description:
      'Creates an organisation with its first admin and signs them in (the setup wizard follows). Only when the operator enabled sign-up; otherwise organisations come from `npm run org:create`.',
    errors: { types: [ValidationError, ForbiddenActionError] },
    args: { input: t.arg({ type: SignUpInput, required: true }) },
    resolve: audited('User', async (_root, { input }, ctx) => {
      if (!ctx.config.organizations.signUpEnabled) {
        throw new ForbiddenActionError('Sign-up is closed on this platform: ask its operator for an organisation.');
      }
      await limitLogin(ctx, input.email.trim().toLowerCase());
      const { organization, admin } = await createOrganization(ctx.em.fork(), {
        name: input.organizationName,
        adminEmail: input.email,
        adminName: input.displayName,
        adminPassword: input.password,
      });
      ctx.audit.actor = { type: 'user', id: admin.id, label: admin.email, organizationId: organization.id };
      return asPayload(await ctx.accounts.login(admin.email, input.password, ctx.client));
    }),
  }),
  updateOrganization: t.field({
    type: OrganizationRef,
    description: "The organisation's name, country (for phone numbers) and time zone.",
    authScopes: { permission: 'organization:manage' },
    errors: { types: [ValidationError] },
    args: { input: t.arg({ type: OrganizationInput, required: true }) },
    resolve: audited('Organization', async (_root, { input: raw }, ctx) => {
      const input = parseInput(organizationSchema, raw);
      const organization = await ctx.em.findOneOrFail(Organization, ctx.auth!.organizationId);
      const before = {
        name: organization.name,
        country: organization.country ?? null,
        timeZone: organization.timeZone,
      };
      if (
        input.name &&
        input.name !== organization.name &&
        (await ctx.em.findOne(Organization, { name: input.name }))
      ) {
        throw new ValidationError([{ field: 'name', message: 'is taken' }]);
      }
      if (input.name) organization.name = input.name;
      if (input.country !== undefined) organization.country = input.country;
      if (input.timeZone) organization.timeZone = input.timeZone;
      await ctx.em.flush();
      ctx.audit.noteChanges({
        before,
        after: { name: organization.name, country: organization.country ?? null, timeZone: organization.timeZone },
      });
      return organization;
    }),
  }),
  updateSetupWizard: t.field({
    type: WizardRef,
    description:
      'Marks a wizard step done or skipped (required steps cannot be skipped), with the business or test call it made. The test call step finishes the wizard once the business works.',
    authScopes: { permission: 'organization:manage' },
    errors: { types: [ValidationError, NotFoundError, ConflictError] },
    args: {
      step: t.arg({ type: SetupStepEnum, required: true }),
      status: t.arg({ type: StepStatusEnum, required: true }),
      businessId: t.arg.id({ required: false }),
      testCallId: t.arg.id({ required: false }),
    },
    resolve: audited('Organization', async (_root, args, ctx) => {
      const organization = await ctx.em.findOneOrFail(Organization, ctx.auth!.organizationId);
      const state: SetupState = structuredClone(organization.setup ?? EMPTY);
      const step = SETUP_STEPS.find((s) => s.name === args.step)!;
      if (args.status === 'skipped' && !step.optional) {
        throw new ValidationError([{ field: 'status', message: `${step.title} cannot be skipped` }]);
      }
      if (args.businessId) {
        if (!(await findOwned(ctx, BusinessConfig, args.businessId)))
          throw new NotFoundError('BusinessConfig', args.businessId);
        state.businessId = args.businessId;
      }
      if (args.testCallId) {
        if (!(await findOwned(ctx, Call, args.testCallId))) throw new NotFoundError('Call', args.testCallId);
        state.testCallId = args.testCallId;
      }
      if (args.status === 'pending') delete state.steps[args.step];
      else state.steps[args.step] = args.status;
      if (args.step === 'test_call' && args.status === 'done') {
        const problems = await finishProblems(ctx, state);
        if (problems.length) throw new ConflictError(`The wizard cannot finish yet: ${problems.join('; ')}.`);
        state.completedAt = new Date().toISOString();
      }
      organization.setup = state;
      await ctx.em.flush();
      return wizardOf(organization);
    }),
  }),
}));
