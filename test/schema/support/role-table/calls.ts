import { type Operation, unknownId } from './operation.ts';

/** Calls: reading and placing them, steering and listening, notes, their quality score and events. */
export const CALL_OPERATIONS: Operation[] = [
  { field: 'call', kind: 'query', access: 'calls:read', document: `{ call(id: "${unknownId}") { id } }` },
  { field: 'calls', kind: 'query', access: 'calls:read', document: '{ calls(first: 1) { __typename } }' },
  {
    field: 'startCall',
    kind: 'mutation',
    access: 'calls:start',
    document: `mutation { startCall(input: { businessId: "${unknownId}", toNumber: "bad" }) { __typename } }`,
  },
  {
    field: 'endCall',
    kind: 'mutation',
    access: 'calls:end',
    document: `mutation { endCall(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'interveneCall',
    kind: 'mutation',
    access: 'calls:intervene',
    document: `mutation { interveneCall(id: "${unknownId}", input: { action: PAUSE_AI }) { __typename } }`,
  },
  {
    field: 'overrideQaScore',
    kind: 'mutation',
    access: 'quality:review',
    document: `mutation { overrideQaScore(callId: "${unknownId}", score: 0.5, reason: "because") { __typename } }`,
  },
  {
    field: 'recalculateQa',
    kind: 'mutation',
    access: 'quality:review',
    document: `mutation { recalculateQa(callId: "${unknownId}") { __typename } }`,
  },
  {
    field: 'updateQualitySettings',
    kind: 'mutation',
    access: 'quality:configure',
    document: `mutation { updateQualitySettings(businessId: "${unknownId}", input: {}) { __typename } }`,
  },
  {
    field: 'takeOverCall',
    kind: 'mutation',
    access: 'calls:intervene',
    document: `mutation { takeOverCall(id: "${unknownId}", input: {}) { __typename } }`,
  },
  {
    field: 'listenToCall',
    kind: 'mutation',
    access: 'calls:listen',
    document: `mutation { listenToCall(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'addCallNote',
    kind: 'mutation',
    access: 'notes:write',
    document: `mutation { addCallNote(callId: "${unknownId}", input: { body: "x" }) { __typename } }`,
  },
  {
    field: 'updateCallNote',
    kind: 'mutation',
    access: 'notes:write',
    document: `mutation { updateCallNote(id: "${unknownId}", input: { body: "x" }) { __typename } }`,
  },
  {
    field: 'deleteCallNote',
    kind: 'mutation',
    access: 'notes:write',
    document: `mutation { deleteCallNote(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'callEvents',
    kind: 'subscription',
    access: 'calls:read',
    document: `subscription { callEvents(callId: "${unknownId}") { cursor } }`,
  },
  {
    field: 'callsChanged',
    kind: 'subscription',
    access: 'calls:read',
    document: 'subscription { callsChanged { cursor } }',
  },
  {
    field: 'callQaChanged',
    kind: 'subscription',
    access: 'calls:read',
    document: `subscription { callQaChanged(callId: "${unknownId}") { score } }`,
  },
];
