import type { Operation } from './operation.ts';

/** How long the organisation keeps its records (an empty change keeps the policy as it is). */
export const RETENTION_OPERATIONS: Operation[] = [
  {
    field: 'retentionPolicy',
    kind: 'query',
    access: 'privacy:manage',
    document: '{ retentionPolicy { callDays } }',
  },
  {
    field: 'updateRetentionPolicy',
    kind: 'mutation',
    access: 'privacy:manage',
    document: 'mutation { updateRetentionPolicy(input: {}) { __typename } }',
  },
];
