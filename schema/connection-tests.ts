/**
 * Connection tests (admins): each really tries the integration — Twilio: fetch the account and the
 * numbers; OpenAI: list the models and open a Realtime session; SMTP: connect and sign in; Weaviate
 * and Temporal: the platform's own. The result says which check failed, why, and what to do about it.
 * Given credentials are tried before they are saved; without them, what the organisation uses now.
 */

import type OpenAI from 'openai';
import { openCredentials, type TwilioAccount } from '../db/credentials.ts';
import { BusinessConfig, type Integration, OrganizationCredential } from '../db/entities/index.ts';
import { ValidationError } from '../lib/errors.ts';
import { createSmtpMailer, type Mailer } from '../lib/mailer.ts';
import { openAiCa, probeRealtimeSession } from '../lib/openai.ts';
import { isE164 } from '../lib/phone.ts';
import { audited, builder } from './builder.ts';
import type { GatewayContext } from './context.ts';
import {
  openAiCredentialsSchema,
  SmtpSettingsInput,
  smtpSettingsSchema,
  twilioCredentialsSchema,
} from './credentials.ts';
import { parseInput } from './validation.ts';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
  hint: string | null;
}
interface ConnectionTest {
  integration: string;
  ok: boolean;
  /** Whose account was tried, in words. */
  account: string;
  checks: Check[];
  durationMs: number;
  testedAt: Date;
}

const CheckRef = builder.objectRef<Check>('ConnectionCheck').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    ok: t.exposeBoolean('ok'),
    detail: t.exposeString('detail', { description: 'What was found, or what went wrong.' }),
    hint: t.exposeString('hint', { nullable: true, description: 'What to do about a failure.' }),
  }),
});
const ConnectionTestRef = builder.objectRef<ConnectionTest>('ConnectionTestResult').implement({
  fields: (t) => ({
    integration: t.exposeString('integration'),
    ok: t.exposeBoolean('ok', { description: 'Every check passed.' }),
    account: t.exposeString('account', { description: 'Whose account was tried.' }),
    checks: t.field({ type: [CheckRef], resolve: (r) => r.checks }),
    durationMs: t.exposeInt('durationMs'),
    testedAt: t.field({ type: 'DateTime', resolve: (r) => r.testedAt }),
  }),
});

const CHECK_TIMEOUT_MS = 10_000;

/** Runs the checks in order, each under a timeout; a check that throws fails with what `explain` makes of it. */
async function run(
  integration: string,
  account: string,
  steps: { name: string; try: () => Promise<string>; explain: (error: unknown) => { detail: string; hint: string } }[],
): Promise<ConnectionTest> {
  const started = Date.now();
  const checks: Check[] = [];
  for (const step of steps) {
    let timer: NodeJS.Timeout | undefined;
    try {
      const detail = await Promise.race([
        step.try(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS / 1000} s`)),
            CHECK_TIMEOUT_MS,
          );
        }),
      ]);
      checks.push({ name: step.name, ok: true, detail, hint: null });
    } catch (error) {
      checks.push({ name: step.name, ok: false, ...step.explain(error) });
      break;
    } finally {
      clearTimeout(timer);
    }
  }
  return {
    integration,
    ok: checks.length === steps.length && checks.every((c) => c.ok),
    account,
    checks,
    durationMs: Date.now() - started,
    testedAt: new Date(),
  };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const statusOf = (error: unknown) => (error as { status?: number }).status;
const codeOf = (error: unknown) => (error as { code?: string | number }).code;
const unreachable = (error: unknown) =>
  ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNRESET'].includes(String(codeOf(error))) ||
  /fetch failed|ECONNREFUSED|ENOTFOUND|no answer within/.test(messageOf(error));

/** Keeps the outcome of a test of the stored credentials on their row, for the settings page. */
async function remember(ctx: GatewayContext, integration: Integration, result: ConnectionTest): Promise<void> {
  const row = await ctx.em.findOne(OrganizationCredential, { organization: ctx.auth!.organizationId, integration });
  if (!row) return;
  const failed = result.checks.find((c) => !c.ok);
  row.lastTest = {
    ok: result.ok,
    at: result.testedAt.toISOString(),
    summary: failed ? `${failed.name}: ${failed.detail}` : `${result.checks.length} checks passed`,
  };
  await ctx.em.flush();
}

async function twilioTest(account: TwilioAccount, numbers: string[]): Promise<ConnectionTest> {
  const who = `${account.own ? "the organisation's" : "the platform's"} Twilio account ${account.accountSid}`;
  const authFailure = (error: unknown) =>
    statusOf(error) === 401
      ? {
          detail: `Twilio refused the account SID and auth token (${messageOf(error)})`,
          hint: 'Copy the Account SID and Auth Token again from the Twilio console (Account › API keys & tokens).',
        }
      : unreachable(error)
        ? {
            detail: `Twilio's API cannot be reached (${messageOf(error)})`,
            hint: 'Check the network, or TWILIO_API_BASE_URL.',
          }
        : { detail: messageOf(error), hint: 'Check the account in the Twilio console.' };
  return run('twilio', who, [
    {
      name: 'account',
      try: async () => {
        const fetched = await account.client.api.v2010.accounts(account.accountSid).fetch();
        if (fetched.status !== 'active')
          throw Object.assign(new Error(`the account is ${fetched.status}`), { status: 403 });
        return `account "${fetched.friendlyName}" is active`;
      },
      explain: (error) =>
        statusOf(error) === 403
          ? { detail: messageOf(error), hint: 'Reactivate the account in the Twilio console.' }
          : authFailure(error),
    },
    ...numbers.map((number) => ({
      name: `number ${number}`,
      try: async () => {
        const owned = await account.client.incomingPhoneNumbers.list({ phoneNumber: number, limit: 1 });
        if (!owned.length)
          throw Object.assign(new Error(`${number} is not a number of this account`), { missing: true });
        return `${number} belongs to the account`;
      },
      explain: (error: unknown) =>
        (error as { missing?: boolean }).missing
          ? {
              detail: messageOf(error),
              hint: 'Buy or port the number into this Twilio account, or enter the account that owns it.',
            }
          : authFailure(error),
    })),
  ]);
}

async function openAiTest(ctx: GatewayContext, client: OpenAI, own: boolean, model: string) {
  const keyFailure = (error: unknown) =>
    statusOf(error) === 401
      ? {
          detail: `OpenAI refused the API key (${messageOf(error)})`,
          hint: 'The key is wrong or revoked: create a new one at platform.openai.com/api-keys and paste it whole.',
        }
      : unreachable(error)
        ? { detail: `OpenAI cannot be reached (${messageOf(error)})`, hint: 'Check the network, or OPENAI_BASE_URL.' }
        : { detail: messageOf(error), hint: 'Check the key’s project has access to the Realtime API.' };
  return run('openai', own ? "the organisation's OpenAI key" : "the platform's OpenAI key", [
    {
      name: 'models',
      try: async () => {
        const page = await client.models.list();
        const ids = page.data.map((m) => m.id);
        return `${ids.length} models available${ids.includes(model) ? `, ${model} among them` : ''}`;
      },
      explain: keyFailure,
    },
    {
      name: `realtime session (${model})`,
      try: async () => {
        const { sessionId } = await probeRealtimeSession(client, model, openAiCa(ctx.config.openai), CHECK_TIMEOUT_MS);
        return `session ${sessionId} opened and closed`;
      },
      explain: keyFailure,
    },
  ]);
}

async function smtpTest(mailer: Mailer, who: string) {
  return run('smtp', who, [
    {
      name: 'sign in',
      try: async () => {
        await mailer.verify();
        return 'the server accepted the connection and the sign-in';
      },
      explain: (error) => {
        const code = String(codeOf(error));
        if (code === 'EAUTH')
          return {
            detail: `the server refused the sign-in (${messageOf(error)})`,
            hint: 'Check the user name and password.',
          };
        if (code === 'ESOCKET' || code === 'ETLS' || /TLS|SSL|wrong version/i.test(messageOf(error)))
          return {
            detail: `TLS failed (${messageOf(error)})`,
            hint: 'Turn "TLS from the start" on for port 465 and off for 587 or 25.',
          };
        return {
          detail: `the server cannot be reached (${messageOf(error)})`,
          hint: 'Check the host and port, and that the server accepts connections from the platform.',
        };
      },
    },
  ]);
}

const TwilioTestInput = builder.inputType('TwilioConnectionTestInput', {
  fields: (t) => ({ accountSid: t.string({ required: true }), authToken: t.string({ required: true }) }),
});

builder.mutationFields((t) => ({
  testTwilioConnection: t.field({
    type: ConnectionTestRef,
    description:
      "Fetches the Twilio account and checks it owns the number(s): `phoneNumber`, else the organisation's businesses' numbers. With `credentials` they are tried before saving.",
    authScopes: { permission: 'organization:manage' },
    errors: { types: [ValidationError] },
    args: {
      credentials: t.arg({ type: TwilioTestInput, required: false }),
      phoneNumber: t.arg.string({ required: false }),
    },
    resolve: audited(null, async (_root, args, ctx) => {
      if (args.phoneNumber && !isE164(args.phoneNumber))
        throw new ValidationError([{ field: 'phoneNumber', message: 'must be an E.164 number like +14155550100' }]);
      const account = args.credentials
        ? ctx.clients.twilioAccountFor(parseInput(twilioCredentialsSchema, args.credentials), true)
        : await ctx.clients.twilio(ctx.auth!.organizationId);
      const numbers = args.phoneNumber
        ? [args.phoneNumber]
        : [
            ...new Set(
              (await ctx.em.find(BusinessConfig, { organization: ctx.auth!.organizationId, active: true })).flatMap(
                (b) => b.phoneNumbers,
              ),
            ),
          ];
      const result = await twilioTest(account, numbers);
      if (!args.credentials) await remember(ctx, 'twilio', result);
      return result;
    }),
  }),
  testOpenAiConnection: t.field({
    type: ConnectionTestRef,
    description: 'Lists the models and opens a Realtime session. With `apiKey` it is tried before saving.',
    authScopes: { permission: 'organization:manage' },
    errors: { types: [ValidationError] },
    args: { apiKey: t.arg.string({ required: false }), model: t.arg.string({ required: false }) },
    resolve: audited(null, async (_root, args, ctx) => {
      const account = args.apiKey
        ? ctx.clients.openAiAccountFor(parseInput(openAiCredentialsSchema, { apiKey: args.apiKey }), true)
        : await ctx.clients.openai(ctx.auth!.organizationId);
      const result = await openAiTest(ctx, account.client, account.own, args.model || ctx.config.openai.realtimeModel);
      if (!args.apiKey) await remember(ctx, 'openai', result);
      return result;
    }),
  }),
  testSmtpConnection: t.field({
    type: ConnectionTestRef,
    description:
      'Connects to the SMTP server and signs in, sending nothing. With `settings` they are tried before saving.',
    authScopes: { permission: 'organization:manage' },
    errors: { types: [ValidationError] },
    args: { settings: t.arg({ type: SmtpSettingsInput, required: false }) },
    resolve: audited(null, async (_root, args, ctx) => {
      if (args.settings) {
        const settings = parseInput(smtpSettingsSchema, args.settings);
        const stored = await ctx.em.findOne(OrganizationCredential, {
          organization: ctx.auth!.organizationId,
          integration: 'smtp',
        });
        const password =
          settings.password ?? (stored ? openCredentials<'smtp'>(ctx.encryption, stored).password : null);
        const mailer = createSmtpMailer({ ...settings, password });
        try {
          return await smtpTest(mailer, `SMTP server ${settings.host}:${settings.port}`);
        } finally {
          mailer.close();
        }
      }
      const { mailer, own } = await ctx.clients.mail(ctx.auth!.organizationId);
      const result = await smtpTest(mailer, own ? "the organisation's SMTP server" : "the platform's SMTP server");
      await remember(ctx, 'smtp', result);
      return result;
    }),
  }),
  testWeaviateConnection: t.field({
    type: ConnectionTestRef,
    description: "The platform's Weaviate: ready, its version, and the knowledge collection.",
    authScopes: { permission: 'organization:manage' },
    resolve: audited(null, async (_root, _args, ctx) => {
      const down = (error: unknown) => ({
        detail: `Weaviate does not answer at ${ctx.config.weaviate.url} (${messageOf(error)})`,
        hint: 'Start it (npm run infra up) or fix WEAVIATE_URL and WEAVIATE_GRPC_PORT.',
      });
      return run('weaviate', `the platform's Weaviate at ${ctx.config.weaviate.url}`, [
        {
          name: 'ready',
          try: async () => {
            if (!(await ctx.weaviate.isReady())) throw new Error('not ready');
            const meta = await ctx.weaviate.getMeta();
            return `Weaviate ${meta.version} is ready`;
          },
          explain: down,
        },
        {
          name: 'knowledge collection',
          try: async () =>
            (await ctx.weaviate.collections.exists(ctx.knowledge.collectionName))
              ? `${ctx.knowledge.collectionName} exists`
              : `${ctx.knowledge.collectionName} will be created with the first document`,
          explain: down,
        },
      ]);
    }),
  }),
  testTemporalConnection: t.field({
    type: ConnectionTestRef,
    description: "The platform's Temporal: the namespace, and whether a worker polls the task queue.",
    authScopes: { permission: 'organization:manage' },
    resolve: audited(null, async (_root, _args, ctx) => {
      const { address, namespace, taskQueue } = ctx.config.temporal;
      let described: Awaited<ReturnType<GatewayContext['workflows']['describeConnection']>> | undefined;
      return run('temporal', `the platform's Temporal at ${address}`, [
        {
          name: `namespace ${namespace}`,
          try: async () => {
            described = await ctx.workflows.describeConnection();
            return `namespace ${namespace} answers`;
          },
          explain: (error) =>
            /not found/i.test(messageOf(error))
              ? {
                  detail: `namespace ${namespace} does not exist`,
                  hint: `Create it (temporal operator namespace create ${namespace}) or fix TEMPORAL_NAMESPACE.`,
                }
              : {
                  detail: `Temporal does not answer at ${address} (${messageOf(error)})`,
                  hint: 'Start it (npm run infra up) or fix TEMPORAL_ADDRESS.',
                },
        },
        {
          name: `workers on ${taskQueue}`,
          try: async () => {
            const pollers = described?.pollers ?? 0;
            if (!pollers) throw new Error(`no worker polls the task queue ${taskQueue}`);
            return `${pollers} worker${pollers === 1 ? '' : 's'} poll ${taskQueue}`;
          },
          explain: (error) => ({
            detail: messageOf(error),
            hint: 'Start the worker (npm run start:worker): without one, calls wait and never dial.',
          }),
        },
      ]);
    }),
  }),
}));
