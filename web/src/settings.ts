import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from './gql/gql.ts';

export const ConnectionTestFields = graphql(`
  fragment ConnectionTestFields on ConnectionTestResult { integration ok account durationMs checks { name ok detail hint } }
`);
export type ConnectionTest = ResultOf<typeof ConnectionTestFields>;

export const IntegrationFields = graphql(`
  fragment IntegrationFields on IntegrationStatus {
    integration usingPlatformDefault platformAccount accountSid host port secure username from secretLastFour version updatedAt
    lastTest { ok at summary }
  }
`);
export type IntegrationStatus = ResultOf<typeof IntegrationFields>;

export const IntegrationsQuery = graphql(`
  query ConsoleIntegrations { integrations { ...IntegrationFields } }
`);

export const UpdateTwilio = graphql(`
  mutation ConsoleUpdateTwilio($input: TwilioCredentialsInput!) {
    updateTwilioCredentials(input: $input) {
      __typename
      ... on MutationUpdateTwilioCredentialsSuccess { data { ...IntegrationFields } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { message }
    }
  }
`);
export const UpdateOpenAi = graphql(`
  mutation ConsoleUpdateOpenAi($input: OpenAiCredentialsInput!) {
    updateOpenAiCredentials(input: $input) {
      __typename
      ... on MutationUpdateOpenAiCredentialsSuccess { data { ...IntegrationFields } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { message }
    }
  }
`);
export const UpdateSmtp = graphql(`
  mutation ConsoleUpdateSmtp($input: SmtpSettingsInput!) {
    updateSmtpSettings(input: $input) {
      __typename
      ... on MutationUpdateSmtpSettingsSuccess { data { ...IntegrationFields } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { message }
    }
  }
`);
export const RemoveCredentials = graphql(`
  mutation ConsoleRemoveCredentials($integration: Integration!) { removeCredentials(integration: $integration) { ...IntegrationFields } }
`);

export const TestTwilio = graphql(`
  mutation ConsoleTestTwilio($credentials: TwilioConnectionTestInput, $phoneNumber: String) {
    testTwilioConnection(credentials: $credentials, phoneNumber: $phoneNumber) {
      __typename
      ... on MutationTestTwilioConnectionSuccess { data { ...ConnectionTestFields } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { message }
    }
  }
`);
export const TestOpenAi = graphql(`
  mutation ConsoleTestOpenAi($apiKey: String) {
    testOpenAiConnection(apiKey: $apiKey) {
      __typename
      ... on MutationTestOpenAiConnectionSuccess { data { ...ConnectionTestFields } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { message }
    }
  }
`);
export const TestSmtp = graphql(`
  mutation ConsoleTestSmtp($settings: SmtpSettingsInput) {
    testSmtpConnection(settings: $settings) {
      __typename
      ... on MutationTestSmtpConnectionSuccess { data { ...ConnectionTestFields } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { message }
    }
  }
`);
export const TestWeaviate = graphql(`
  mutation ConsoleTestWeaviate { testWeaviateConnection { ...ConnectionTestFields } }
`);
export const TestTemporal = graphql(`
  mutation ConsoleTestTemporal { testTemporalConnection { ...ConnectionTestFields } }
`);

export const UpdateOrganization = graphql(`
  mutation ConsoleUpdateOrganization($input: OrganizationInput!) {
    updateOrganization(input: $input) {
      __typename
      ... on MutationUpdateOrganizationSuccess { data { id name country timeZone } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { message }
    }
  }
`);
export const OrganizationQuery = graphql(`
  query ConsoleOrganization { me { organization { id name country timeZone } } }
`);
