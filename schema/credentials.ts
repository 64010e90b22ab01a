/**
 * An organisation's own Twilio, OpenAI and SMTP credentials (admins): stored sealed, shown only as
 * their last four characters, audited without their values. Without them the platform's are used.
 */
import { z } from 'zod';
import { openCredentials, saveCredentials } from '../db/credentials.ts';
import {
  INTEGRATIONS,
  type Integration,
  OrganizationCredential,
  type StoredConnectionTest,
} from '../db/entities/index.ts';
import { ValidationError } from '../lib/errors.ts';
import { changesBetween, maskedSecret } from './audit-changes.ts';
import { audited, builder } from './builder.ts';
import type { GatewayContext } from './context.ts';
import { parseInput } from './validation.ts';

export const IntegrationEnum = builder.enumType('Integration', {
  values: Object.fromEntries(INTEGRATIONS.map((value) => [value.toUpperCase(), { value }])),
});

const StoredTestRef = builder.objectRef<StoredConnectionTest>('StoredConnectionTest').implement({
  fields: (t) => ({
    ok: t.exposeBoolean('ok'),
    at: t.field({ type: 'DateTime', resolve: (s) => new Date(s.at) }),
    summary: t.exposeString('summary'),
  }),
});

interface IntegrationView {
  integration: Integration;
  row: OrganizationCredential | null;
  platformAccount: string;
}
const IntegrationStatusRef = builder.objectRef<IntegrationView>('IntegrationStatus').implement({
  description: "One integration of the organisation: its own credentials, or the platform's default.",
  fields: (t) => ({
    integration: t.field({ type: IntegrationEnum, resolve: (v) => v.integration }),
    usingPlatformDefault: t.boolean({ resolve: (v) => v.row === null }),
    platformAccount: t.exposeString('platformAccount', { description: 'What the platform default is.' }),
    accountSid: t.string({ nullable: true, description: 'Twilio.', resolve: (v) => str(v.row?.settings.accountSid) }),
    host: t.string({ nullable: true, description: 'SMTP.', resolve: (v) => str(v.row?.settings.host) }),
    port: t.int({
      nullable: true,
      description: 'SMTP.',
      resolve: (v) => (v.row ? Number(v.row.settings.port) || null : null),
    }),
    secure: t.boolean({
      nullable: true,
      description: 'SMTP.',
      resolve: (v) => (v.row ? v.row.settings.secure === true : null),
    }),
    username: t.string({ nullable: true, description: 'SMTP.', resolve: (v) => str(v.row?.settings.username) }),
    from: t.string({ nullable: true, description: 'SMTP.', resolve: (v) => str(v.row?.settings.from) }),
    secretLastFour: t.string({
      nullable: true,
      description: 'The last four characters of the auth token, API key or password: the rest is never shown.',
      resolve: (v) => v.row?.secretLastFour ?? null,
    }),
    version: t.int({ nullable: true, resolve: (v) => v.row?.version ?? null }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, resolve: (v) => v.row?.updatedAt ?? null }),
    lastTest: t.field({ type: StoredTestRef, nullable: true, resolve: (v) => v.row?.lastTest ?? null }),
  }),
});
const str = (value: unknown) => (typeof value === 'string' && value ? value : null);

/** What the platform's default for an integration is, in words (never a secret). */
function platformAccount(ctx: GatewayContext, integration: Integration): string {
  const { twilio, openai, mail } = ctx.config;
  if (integration === 'twilio')
    return `Twilio account ${twilio.accountSid}${twilio.apiBaseUrl ? ` at ${twilio.apiBaseUrl}` : ''}`;
  if (integration === 'openai')
    return openai.keyConfigured
      ? `the platform's OpenAI key${openai.baseUrl ? ` at ${openai.baseUrl}` : ''}`
      : `the Realtime simulator at ${openai.baseUrl}`;
  return `SMTP server ${new URL(mail.smtpUrl).host}`;
}

export async function integrationStatus(ctx: GatewayContext, integration: Integration): Promise<IntegrationView> {
  const row = await ctx.em.findOne(
    OrganizationCredential,
    { organization: ctx.auth!.organizationId, integration },
    { refresh: true },
  );
  return { integration, row, platformAccount: platformAccount(ctx, integration) };
}

const TwilioCredentialsInput = builder.inputType('TwilioCredentialsInput', {
  fields: (t) => ({
    accountSid: t.string({ required: true, description: 'AC followed by 32 hex digits.' }),
    authToken: t.string({ required: true }),
  }),
});
const OpenAiCredentialsInput = builder.inputType('OpenAiCredentialsInput', {
  fields: (t) => ({ apiKey: t.string({ required: true, description: 'sk-…' }) }),
});
export const SmtpSettingsInput = builder.inputType('SmtpSettingsInput', {
  fields: (t) => ({
    host: t.string({ required: true }),
    port: t.int({ required: true }),
    secure: t.boolean({ required: false, description: 'TLS from the start (port 465); else STARTTLS when offered.' }),
    username: t.string({ required: false }),
    password: t.string({ required: false, description: 'Left out: the stored password is kept.' }),
    from: t.string({ required: true, description: 'The sender, e.g. Acme <alerts@acme.example>.' }),
  }),
});

const secret = (min: number) =>
  z
    .string()
    .trim()
    .min(min, `must be at least ${min} characters`)
    .max(300, 'must be at most 300 characters')
    .regex(/^\S+$/, 'must not contain spaces');
export const twilioCredentialsSchema = z.object({
  accountSid: z
    .string()
    .trim()
    .regex(/^AC[0-9a-f]{32}$/, 'must be AC followed by 32 hex digits (Twilio console, Account info)'),
  authToken: secret(16),
});
export const openAiCredentialsSchema = z.object({
  apiKey: secret(20).refine((key) => key.startsWith('sk-'), 'must be an OpenAI API key (it starts with sk-)'),
});
export const smtpSettingsSchema = z.object({
  host: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(253)
    .regex(/^[A-Za-z0-9.-]+$/, 'must be a host name or IP address'),
  port: z.number().int().min(1).max(65_535),
  secure: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  username: z
    .string()
    .trim()
    .max(320)
    .nullish()
    .transform((v) => v || null),
  password: z.string().max(300).nullish(),
  from: z.string().trim().min(3).max(320).regex(/@/, 'must contain an email address'),
});

/** Audit entries name the change, never the secret: the stored settings and the secret's last four. */
function auditView(row: OrganizationCredential | null) {
  return row ? { ...row.settings, secret: maskedSecret(row.secretLastFour) } : null;
}

async function store(
  ctx: GatewayContext,
  integration: Integration,
  credentials: Parameters<typeof saveCredentials>[2]['credentials'],
) {
  const before = await integrationStatus(ctx, integration);
  const previous = auditView(before.row);
  const row = await saveCredentials(ctx.em, ctx.encryption, {
    organizationId: ctx.auth!.organizationId,
    integration,
    credentials,
    updatedById: ctx.auth!.id,
  });
  const changes = changesBetween(previous, auditView(row));
  if (changes) ctx.audit.noteChanges(changes);
  return { integration, row, platformAccount: before.platformAccount, id: row.id };
}

builder.queryFields((t) => ({
  integrations: t.field({
    type: [IntegrationStatusRef],
    description: "The organisation's Twilio, OpenAI and SMTP: its own (secrets as their last four) or the platform's.",
    authScopes: { permission: 'organization:manage' },
    resolve: (_root, _args, ctx) => Promise.all(INTEGRATIONS.map((i) => integrationStatus(ctx, i))),
  }),
}));

builder.mutationFields((t) => ({
  updateTwilioCredentials: t.field({
    type: IntegrationStatusRef,
    description:
      "The organisation's own Twilio account: its calls are placed through it and its webhooks checked with its token.",
    authScopes: { permission: 'organization:manage' },
    errors: { types: [ValidationError] },
    args: { input: t.arg({ type: TwilioCredentialsInput, required: true }) },
    resolve: audited('OrganizationCredential', async (_root, { input }, ctx) =>
      store(ctx, 'twilio', parseInput(twilioCredentialsSchema, input)),
    ),
  }),
  updateOpenAiCredentials: t.field({
    type: IntegrationStatusRef,
    description: "The organisation's own OpenAI key, for its voice agent, QA grading and handoff summaries.",
    authScopes: { permission: 'organization:manage' },
    errors: { types: [ValidationError] },
    args: { input: t.arg({ type: OpenAiCredentialsInput, required: true }) },
    resolve: audited('OrganizationCredential', async (_root, { input }, ctx) =>
      store(ctx, 'openai', parseInput(openAiCredentialsSchema, input)),
    ),
  }),
  updateSmtpSettings: t.field({
    type: IntegrationStatusRef,
    description: "The organisation's own SMTP server for its notification emails.",
    authScopes: { permission: 'organization:manage' },
    errors: { types: [ValidationError] },
    args: { input: t.arg({ type: SmtpSettingsInput, required: true }) },
    resolve: audited('OrganizationCredential', async (_root, { input }, ctx) => {
      const settings = parseInput(smtpSettingsSchema, input);
      const password = settings.password ?? (await storedSmtpPassword(ctx));
      if (settings.username && !password)
        throw new ValidationError([{ field: 'password', message: 'is required with a username' }]);
      return store(ctx, 'smtp', { ...settings, password: password || null });
    }),
  }),
  removeCredentials: t.field({
    type: IntegrationStatusRef,
    description: "Forgets the organisation's own credentials for an integration; the platform's default applies again.",
    authScopes: { permission: 'organization:manage' },
    args: { integration: t.arg({ type: IntegrationEnum, required: true }) },
    resolve: audited('OrganizationCredential', async (_root, { integration }, ctx) => {
      const current = await integrationStatus(ctx, integration);
      if (current.row) {
        ctx.audit.noteChanges({ before: auditView(current.row) ?? {}, after: {} });
        await ctx.em.remove(current.row).flush();
      }
      return { ...current, row: null };
    }),
  }),
}));

async function storedSmtpPassword(ctx: GatewayContext): Promise<string | null> {
  const { row } = await integrationStatus(ctx, 'smtp');
  if (!row?.sealedSecret) return null;
  return openCredentials<'smtp'>(ctx.encryption, row).password;
}
