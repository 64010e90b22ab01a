import { type Operation, unknownId } from './operation.ts';

const RANGE = '{ from: "2026-03-01", to: "2026-03-31", timeZone: "UTC" }';

/** Analytics and exports. */
export const ANALYTICS_OPERATIONS: Operation[] = [
  {
    field: 'analytics',
    kind: 'query',
    access: 'analytics:read',
    document: `{ analytics(range: ${RANGE}) { __typename } }`,
  },
  {
    field: 'exports',
    kind: 'query',
    access: 'exports:create',
    document: '{ exports { id } }',
  },
  {
    field: 'export',
    kind: 'query',
    access: 'exports:create',
    document: `{ export(id: "${unknownId}") { id } }`,
  },
  {
    field: 'createExport',
    kind: 'mutation',
    access: 'exports:create',
    // A range that ends before it starts: refused before anything starts.
    document: `mutation { createExport(input: { kind: CALLS, range: { from: "2026-03-02", to: "2026-03-01", timeZone: "UTC" } }) { __typename } }`,
  },
];
