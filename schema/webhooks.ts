/**
 * Outbound webhooks over GraphQL: an organisation's endpoints (the event types each wants), their
 * signing secrets (shown once, rotated with an overlap), each endpoint's delivery log with every
 * attempt's request, response and latency, redelivery by hand and a test send. Deliveries run in
 * the worker (workflows/webhook-delivery.ts).
 */
import { z } from 'zod';
import {
  WEBHOOK_DELIVERY_STATUSES,
  WebhookAttempt,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEvent,
} from '../db/entities/index.ts';
import { addWebhookSecret, recordWebhookEvent, webhookEventBody } from '../db/webhooks.ts';
import { ConflictError, NotFoundError, ValidationError } from '../lib/errors.ts';
import { isUuid } from '../lib/ids.ts';
import {
  WEBHOOK_EVENT_TYPE_NAMES,
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
} from '../workflows/definitions/webhooks.ts';
import { audited, builder } from './builder.ts';
import type { GatewayContext } from './context.ts';
import { ownedOrNotFound } from './lookup.ts';
import { httpUrl, parseInput, refuseUnfetchable } from './validation.ts';

/** Types an endpoint can subscribe to: every one but the test send, which goes to whoever asks for it. */
const SUBSCRIBABLE = WEBHOOK_EVENT_TYPE_NAMES.filter((type) => type !== 'webhook.test');

const WebhookEventTypeRef = builder.objectRef<{ type: string; description: string }>('WebhookEventType').implement({
  fields: (t) => ({ type: t.exposeString('type'), description: t.exposeString('description') }),
});

const WebhookSecretRef = builder
  .objectRef<{ id: string; lastFour: string; createdAt: string; expiresAt: string | null }>('WebhookSecret')
  .implement({
    description: 'A signing secret, by its last four characters; the whole secret is shown only when it is made.',
    fields: (t) => ({
      id: t.exposeID('id'),
      lastFour: t.exposeString('lastFour'),
      createdAt: t.field({ type: 'DateTime', resolve: (s) => new Date(s.createdAt) }),
      expiresAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'Null for the current secret; when a rotated-out one stops signing.',
        resolve: (s) => (s.expiresAt ? new Date(s.expiresAt) : null),
      }),
    }),
  });

const WebhookAttemptRef = builder.objectRef<WebhookAttempt>('WebhookAttempt').implement({
  description: 'One HTTP request of a delivery.',
  fields: (t) => ({
    number: t.exposeInt('number'),
    manual: t.exposeBoolean('manual', { description: 'A redelivery or test send asked for by hand.' }),
    requestHeaders: t.string({
      description: 'The headers sent, as JSON.',
      resolve: (a) => JSON.stringify(a.requestHeaders),
    }),
    requestBody: t.exposeString('requestBody'),
    responseStatus: t.exposeInt('responseStatus', { nullable: true }),
    responseBody: t.exposeString('responseBody', { nullable: true, description: 'The first 2 KB.' }),
    error: t.exposeString('error', { nullable: true }),
    latencyMs: t.exposeInt('latencyMs'),
    attemptedAt: t.field({ type: 'DateTime', resolve: (a) => a.attemptedAt }),
  }),
});

const DeliveryStatusEnum = builder.enumType('WebhookDeliveryStatus', {
  values: Object.fromEntries(WEBHOOK_DELIVERY_STATUSES.map((s) => [s.toUpperCase(), { value: s }])),
});

const WebhookDeliveryRef = builder.objectRef<WebhookDelivery>('WebhookDelivery').implement({
  description: 'One event to one endpoint.',
  fields: (t) => ({
    id: t.exposeID('id'),
    eventId: t.string({
      description: 'The `webhook-id` header: the same on every attempt and redelivery.',
      resolve: (d) => d.event.id,
    }),
    eventType: t.string({
      resolve: async (d, _args, { em }) => (await em.findOneOrFail(WebhookEvent, d.event.id)).type,
    }),
    payload: t.string({
      description: 'The body sent, as JSON.',
      resolve: async (d, _args, { em, encryption }) =>
        webhookEventBody(encryption, await em.findOneOrFail(WebhookEvent, d.event.id)),
    }),
    endpointId: t.id({ resolve: (d) => d.endpoint.id }),
    status: t.field({ type: DeliveryStatusEnum, resolve: (d) => d.status }),
    attempts: t.exposeInt('attempts'),
    lastStatusCode: t.exposeInt('lastStatusCode', { nullable: true }),
    lastError: t.exposeString('lastError', { nullable: true }),
    lastAttemptAt: t.field({ type: 'DateTime', nullable: true, resolve: (d) => d.lastAttemptAt ?? null }),
    nextAttemptAt: t.field({ type: 'DateTime', nullable: true, resolve: (d) => d.nextAttemptAt ?? null }),
    deliveredAt: t.field({ type: 'DateTime', nullable: true, resolve: (d) => d.deliveredAt ?? null }),
    createdAt: t.field({ type: 'DateTime', resolve: (d) => d.createdAt }),
    attemptLog: t.field({
      type: [WebhookAttemptRef],
      resolve: (d, _args, { em }) => em.find(WebhookAttempt, { delivery: d.id }, { orderBy: { number: 'asc' } }),
    }),
  }),
});

const WebhookEndpointRef = builder.objectRef<WebhookEndpoint>('WebhookEndpoint').implement({
  description: 'Where the organisation wants events sent, signed per the Standard Webhooks specification.',
  fields: (t) => ({
    id: t.exposeID('id'),
    url: t.exposeString('url'),
    description: t.exposeString('description', { nullable: true }),
    eventTypes: t.exposeStringList('eventTypes'),
    enabled: t.exposeBoolean('enabled'),
    disabledAt: t.field({ type: 'DateTime', nullable: true, resolve: (e) => e.disabledAt ?? null }),
    disabledReason: t.exposeString('disabledReason', { nullable: true }),
    failingSince: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Since when every attempt has failed; past the limit the endpoint is disabled.',
      resolve: (e) => e.failingSince ?? null,
    }),
    secrets: t.field({ type: [WebhookSecretRef], resolve: (e) => e.secrets.map(({ sealed: _sealed, ...s }) => s) }),
    createdAt: t.field({ type: 'DateTime', resolve: (e) => e.createdAt }),
    deliveries: t.field({
      type: [WebhookDeliveryRef],
      description: 'The delivery log, newest first.',
      args: { first: t.arg.int({ defaultValue: 50 }), status: t.arg({ type: DeliveryStatusEnum }) },
      resolve: (e, { first, status }, { em }) =>
        em.find(
          WebhookDelivery,
          { endpoint: e.id, ...(status && { status }) },
          { orderBy: { createdAt: 'desc' }, limit: Math.min(Math.max(first ?? 50, 1), 200) },
        ),
    }),
  }),
});

const WithSecretRef = builder
  .objectRef<{ id: string; endpoint: WebhookEndpoint; secret: string }>('WebhookEndpointWithSecret')
  .implement({
    fields: (t) => ({
      endpoint: t.field({ type: WebhookEndpointRef, resolve: (r) => r.endpoint }),
      secret: t.exposeString('secret', {
        description:
          'The new signing secret (`whsec_…`). Shown only now: store it where your receiver verifies signatures.',
      }),
    }),
  });

const WebhookEndpointInput = builder.inputType('WebhookEndpointInput', {
  fields: (t) => ({
    url: t.string({
      required: false,
      description: 'http(s); must be a public address (or one FETCH_ALLOWED_HOSTS allows).',
    }),
    description: t.string({ required: false }),
    eventTypes: t.stringList({ required: false, description: 'See `webhookEventTypes`.' }),
    enabled: t.boolean({ required: false, description: 'Enabling a disabled endpoint starts its deliveries again.' }),
  }),
});

const endpointInput = z.object({
  url: httpUrl.optional(),
  description: z.string().trim().max(200).nullish(),
  eventTypes: z
    .array(
      z.enum(SUBSCRIBABLE as [WebhookEventType, ...WebhookEventType[]], {
        message: `must be one of ${SUBSCRIBABLE.join(', ')}`,
      }),
    )
    .min(1, 'needs at least one event type')
    .transform((types) => [...new Set(types)])
    .optional(),
  enabled: z.boolean().nullish(),
});

async function endpointOf(ctx: GatewayContext, id: string) {
  return ownedOrNotFound(ctx, WebhookEndpoint, id);
}

/** Waits (a little) for a delivery's next attempt to be recorded, so the caller sees how it went. */
async function afterNextAttempt(
  ctx: GatewayContext,
  deliveryId: string,
  attemptsBefore: number,
): Promise<WebhookDelivery> {
  const deadline = Date.now() + ctx.config.webhooks.timeoutMs + 5_000;
  for (;;) {
    const delivery = await ctx.em.fork().findOneOrFail(WebhookDelivery, deliveryId);
    if (delivery.attempts > attemptsBefore || Date.now() > deadline) return delivery;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

builder.queryFields((t) => ({
  webhookEventTypes: t.field({
    type: [WebhookEventTypeRef],
    authScopes: { permission: 'webhooks:read' },
    resolve: () => SUBSCRIBABLE.map((type) => ({ type, description: WEBHOOK_EVENT_TYPES[type] })),
  }),
  webhookEndpoints: t.field({
    type: [WebhookEndpointRef],
    authScopes: { permission: 'webhooks:read' },
    resolve: (_root, _args, { em, auth }) =>
      em.find(WebhookEndpoint, { organization: auth!.organizationId }, { orderBy: { createdAt: 'asc' } }),
  }),
  webhookEndpoint: t.field({
    type: WebhookEndpointRef,
    nullable: true,
    authScopes: { permission: 'webhooks:read' },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { em, auth }) =>
      isUuid(id) ? em.findOne(WebhookEndpoint, { id, organization: auth!.organizationId }) : null,
  }),
  webhookDelivery: t.field({
    type: WebhookDeliveryRef,
    nullable: true,
    authScopes: { permission: 'webhooks:read' },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { em, auth }) =>
      isUuid(id) ? em.findOne(WebhookDelivery, { id, organization: auth!.organizationId }) : null,
  }),
}));

builder.mutationFields((t) => ({
  createWebhookEndpoint: t.field({
    type: WithSecretRef,
    description: 'Adds an endpoint; answers its signing secret, shown only this once.',
    authScopes: { permission: 'webhooks:manage' },
    errors: { types: [ValidationError] },
    args: { input: t.arg({ type: WebhookEndpointInput, required: true }) },
    resolve: audited('WebhookEndpoint', async (_root, { input }, ctx) => {
      const data = parseInput(endpointInput, input);
      const problems = [
        ...(data.url ? [] : [{ field: 'url', message: 'is required' }]),
        ...(data.eventTypes ? [] : [{ field: 'eventTypes', message: 'needs at least one event type' }]),
      ];
      if (problems.length) throw new ValidationError(problems);
      await refuseUnfetchable(ctx.config, { url: data.url });
      const endpoint = ctx.em.create(WebhookEndpoint, {
        organization: ctx.auth!.organizationId,
        url: data.url!,
        description: data.description ?? null,
        eventTypes: data.eventTypes!,
        enabled: data.enabled ?? true,
        secrets: [],
        createdById: ctx.auth!.kind === 'user' ? ctx.auth!.id : null,
      });
      const secret = addWebhookSecret(ctx.encryption, endpoint, 0);
      await ctx.em.flush();
      ctx.audit.noteChanges({
        before: {},
        after: { url: endpoint.url, eventTypes: endpoint.eventTypes, secret: `••••${secret.slice(-4)}` },
      });
      return { id: endpoint.id, endpoint, secret };
    }),
  }),
  updateWebhookEndpoint: t.field({
    type: WebhookEndpointRef,
    authScopes: { permission: 'webhooks:manage' },
    errors: { types: [NotFoundError, ValidationError] },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: WebhookEndpointInput, required: true }) },
    resolve: audited('WebhookEndpoint', async (_root, { id, input }, ctx) => {
      const data = parseInput(endpointInput, input);
      const endpoint = await endpointOf(ctx, id);
      if (data.url) await refuseUnfetchable(ctx.config, { url: data.url });
      const before = { url: endpoint.url, eventTypes: endpoint.eventTypes, enabled: endpoint.enabled };
      if (data.url) endpoint.url = data.url;
      if (data.description !== undefined) endpoint.description = data.description;
      if (data.eventTypes) endpoint.eventTypes = data.eventTypes;
      if (data.enabled === true && !endpoint.enabled) {
        Object.assign(endpoint, { enabled: true, disabledAt: null, disabledReason: null, failingSince: null });
      } else if (data.enabled === false && endpoint.enabled) {
        Object.assign(endpoint, { enabled: false, disabledAt: new Date(), disabledReason: 'disabled by hand' });
      }
      await ctx.em.flush();
      ctx.audit.noteChanges({
        before,
        after: { url: endpoint.url, eventTypes: endpoint.eventTypes, enabled: endpoint.enabled },
      });
      return endpoint;
    }),
  }),
  deleteWebhookEndpoint: t.field({
    type: 'Boolean',
    description: 'Removes an endpoint with its delivery log; deliveries still retrying stop.',
    authScopes: { permission: 'webhooks:manage' },
    errors: { types: [NotFoundError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: audited('WebhookEndpoint', async (_root, { id }, ctx) => {
      const endpoint = await endpointOf(ctx, id);
      await ctx.em.remove(endpoint).flush();
      return true;
    }),
  }),
  rotateWebhookSecret: t.field({
    type: WithSecretRef,
    description:
      'Makes a new signing secret (shown only now). The old one keeps signing beside it for WEBHOOK_SECRET_OVERLAP_SECONDS, so receivers can switch without missing an event.',
    authScopes: { permission: 'webhooks:manage' },
    errors: { types: [NotFoundError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: audited('WebhookEndpoint', async (_root, { id }, ctx) => {
      const endpoint = await endpointOf(ctx, id);
      const secret = addWebhookSecret(ctx.encryption, endpoint, ctx.config.webhooks.secretOverlapMs);
      await ctx.em.flush();
      ctx.audit.noteChanges({ before: {}, after: { secret: `••••${secret.slice(-4)}` } });
      return { id: endpoint.id, endpoint, secret };
    }),
  }),
  sendTestWebhook: t.field({
    type: WebhookDeliveryRef,
    description:
      'Sends a `webhook.test` event to the endpoint now; answers the delivery once its first attempt is made.',
    authScopes: { permission: 'webhooks:manage' },
    errors: { types: [NotFoundError, ConflictError] },
    args: { endpointId: t.arg.id({ required: true }) },
    resolve: audited('WebhookDelivery', async (_root, { endpointId }, ctx) => {
      const endpoint = await endpointOf(ctx, endpointId);
      if (!endpoint.enabled) throw new ConflictError('the endpoint is disabled: enable it first');
      const { deliveryIds } = await ctx.em.fork().transactional((tx) =>
        recordWebhookEvent(tx, {
          organizationId: endpoint.organization.id,
          type: 'webhook.test',
          eventKey: `webhook.test:${crypto.randomUUID()}`,
          endpointId: endpoint.id,
          data: { message: 'A test event from the call platform.', endpointId: endpoint.id, sentBy: ctx.auth!.label },
        }),
      );
      // The worker's dispatcher starts the delivery at once.
      return afterNextAttempt(ctx, deliveryIds[0]!, 0);
    }),
  }),
  redeliverWebhook: t.field({
    type: WebhookDeliveryRef,
    description: 'Sends a delivery again now (same `webhook-id`); answers once the attempt is made.',
    authScopes: { permission: 'webhooks:manage' },
    errors: { types: [NotFoundError, ConflictError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: audited('WebhookDelivery', async (_root, { id }, ctx) => {
      const delivery = await ownedOrNotFound(ctx, WebhookDelivery, id);
      const endpoint = await ctx.em.findOneOrFail(WebhookEndpoint, delivery.endpoint.id);
      if (!endpoint.enabled) throw new ConflictError('the endpoint is disabled: enable it first');
      if (delivery.status === 'failed') {
        delivery.status = 'pending';
        await ctx.em.flush();
      }
      await ctx.workflows.sendWebhookDelivery(delivery.id, delivery.attempts, true);
      return afterNextAttempt(ctx, delivery.id, delivery.attempts);
    }),
  }),
}));
