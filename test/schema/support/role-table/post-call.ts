import { type Operation, unknownId } from './operation.ts';

/** After the call (issue 15): analysis, extraction settings and templates, and outbound webhooks. */
export const POST_CALL_OPERATIONS: Operation[] = [
  {
    field: 'extractionTemplates',
    kind: 'query',
    access: 'businesses:read',
    document: '{ extractionTemplates { name } }',
  },
  {
    field: 'checkExtractionSchema',
    kind: 'query',
    access: 'businesses:read',
    document: '{ checkExtractionSchema(schema: "{}") { valid } }',
  },
  {
    field: 'updatePostCallSettings',
    kind: 'mutation',
    access: 'businesses:manage',
    document: `mutation { updatePostCallSettings(businessId: "${unknownId}", input: {}) { __typename } }`,
  },
  {
    field: 'reanalyzeCall',
    kind: 'mutation',
    access: 'quality:review',
    document: `mutation { reanalyzeCall(callId: "${unknownId}") { __typename } }`,
  },
  {
    field: 'callAnalyzed',
    kind: 'subscription',
    access: 'calls:read',
    document: `subscription { callAnalyzed(callId: "${unknownId}") { callId } }`,
  },
  { field: 'webhookEventTypes', kind: 'query', access: 'webhooks:read', document: '{ webhookEventTypes { type } }' },
  { field: 'webhookEndpoints', kind: 'query', access: 'webhooks:read', document: '{ webhookEndpoints { id } }' },
  {
    field: 'webhookEndpoint',
    kind: 'query',
    access: 'webhooks:read',
    document: `{ webhookEndpoint(id: "${unknownId}") { id } }`,
  },
  {
    field: 'webhookDelivery',
    kind: 'query',
    access: 'webhooks:read',
    document: `{ webhookDelivery(id: "${unknownId}") { id } }`,
  },
  {
    field: 'createWebhookEndpoint',
    kind: 'mutation',
    access: 'webhooks:manage',
    document: 'mutation { createWebhookEndpoint(input: { url: "nope" }) { __typename } }',
  },
  {
    field: 'updateWebhookEndpoint',
    kind: 'mutation',
    access: 'webhooks:manage',
    document: `mutation { updateWebhookEndpoint(id: "${unknownId}", input: {}) { __typename } }`,
  },
  {
    field: 'deleteWebhookEndpoint',
    kind: 'mutation',
    access: 'webhooks:manage',
    document: `mutation { deleteWebhookEndpoint(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'rotateWebhookSecret',
    kind: 'mutation',
    access: 'webhooks:manage',
    document: `mutation { rotateWebhookSecret(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'sendTestWebhook',
    kind: 'mutation',
    access: 'webhooks:manage',
    document: `mutation { sendTestWebhook(endpointId: "${unknownId}") { __typename } }`,
  },
  {
    field: 'redeliverWebhook',
    kind: 'mutation',
    access: 'webhooks:manage',
    document: `mutation { redeliverWebhook(id: "${unknownId}") { __typename } }`,
  },
];
