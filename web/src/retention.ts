import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from './gql/gql.ts';

export const RetentionPolicyFields = graphql(`
  fragment RetentionPolicyFields on RetentionPolicy {
    transcriptDays callDays qaDetailDays notificationDays eventLogDays auditLogDays knowledgeSourceDays
    scheduleId updatedAt
    lastRun {
      startedAt finishedAt
      removed { transcripts qaDetails calls notifications eventLog auditLog knowledgeSources workflowExecutions }
    }
  }
`);
export type RetentionPolicyView = ResultOf<typeof RetentionPolicyFields>;

export const RetentionPolicyQuery = graphql(`
  query ConsoleRetentionPolicy { retentionPolicy { ...RetentionPolicyFields } }
`);

export const UpdateRetentionPolicy = graphql(`
  mutation ConsoleUpdateRetentionPolicy($input: RetentionPolicyInput!) {
    updateRetentionPolicy(input: $input) {
      __typename
      ... on MutationUpdateRetentionPolicySuccess { data { ...RetentionPolicyFields } }
      ... on ValidationError { message fieldErrors { field message } }
    }
  }
`);
