import { randomUUID } from 'node:crypto';
import type { Permission } from '../../../../lib/permissions.ts';

/**
 * The role table's rows for businesses, credentials, connection tests, organisations and the setup
 * wizard (issue 13): who may use each, and a call that changes nothing when it is allowed.
 */
const unknownId = randomUUID();
const mutation = (field: string, access: Permission | 'public', document: string) => ({
  field,
  kind: 'mutation' as const,
  access,
  document: `mutation { ${document} }`,
});
const query = (field: string, access: Permission | 'public', document: string) => ({
  field,
  kind: 'query' as const,
  access,
  document: `{ ${document} }`,
});

export const BUSINESS_OPERATIONS = [
  query('businessTemplates', 'businesses:read', 'businessTemplates { type }'),
  query('previewAgentPrompt', 'businesses:read', 'previewAgentPrompt(draft: {}) { prompt }'),
  mutation('createBusiness', 'businesses:manage', 'createBusiness(input: { name: "" }) { __typename }'),
  mutation('updateBusiness', 'businesses:manage', `updateBusiness(id: "${unknownId}", input: {}) { __typename }`),
  mutation('archiveBusiness', 'businesses:manage', `archiveBusiness(id: "${unknownId}") { __typename }`),
  mutation('restoreBusiness', 'businesses:manage', `restoreBusiness(id: "${unknownId}") { __typename }`),
  mutation('deleteBusiness', 'businesses:manage', `deleteBusiness(id: "${unknownId}") { __typename }`),
  query('integrations', 'organization:manage', 'integrations { integration }'),
  mutation(
    'updateTwilioCredentials',
    'organization:manage',
    'updateTwilioCredentials(input: { accountSid: "bad", authToken: "x" }) { __typename }',
  ),
  mutation(
    'updateOpenAiCredentials',
    'organization:manage',
    'updateOpenAiCredentials(input: { apiKey: "x" }) { __typename }',
  ),
  mutation(
    'updateSmtpSettings',
    'organization:manage',
    'updateSmtpSettings(input: { host: "", port: 0, from: "x" }) { __typename }',
  ),
  mutation('removeCredentials', 'organization:manage', 'removeCredentials(integration: SMTP) { usingPlatformDefault }'),
  mutation('testTwilioConnection', 'organization:manage', 'testTwilioConnection(phoneNumber: "bad") { __typename }'),
  mutation('testOpenAiConnection', 'organization:manage', 'testOpenAiConnection(apiKey: "x") { __typename }'),
  mutation(
    'testSmtpConnection',
    'organization:manage',
    'testSmtpConnection(settings: { host: "", port: 0, from: "" }) { __typename }',
  ),
  mutation('testWeaviateConnection', 'organization:manage', 'testWeaviateConnection { ok }'),
  mutation('testTemporalConnection', 'organization:manage', 'testTemporalConnection { ok }'),
  query('setupWizard', 'organization:manage', 'setupWizard { currentStep }'),
  mutation(
    'updateOrganization',
    'organization:manage',
    'updateOrganization(input: { timeZone: "Nope/Nope" }) { __typename }',
  ),
  mutation(
    'updateSetupWizard',
    'organization:manage',
    'updateSetupWizard(step: TEST_CALL, status: SKIPPED) { __typename }',
  ),
  query('signUpEnabled', 'public', 'signUpEnabled'),
  mutation(
    'signUp',
    'public',
    'signUp(input: { organizationName: "", displayName: "", email: "bad", password: "x" }) { __typename }',
  ),
];
