import { type Operation, unknownId } from './operation.ts';

/** Human agents and the escalations offered to them. */
export const ESCALATION_OPERATIONS: Operation[] = [
  {
    field: 'humanAgents',
    kind: 'query',
    access: 'agents:read',
    document: '{ humanAgents { id } }',
  },
  {
    field: 'humanAgent',
    kind: 'query',
    access: 'agents:read',
    document: `{ humanAgent(id: "${unknownId}") { id } }`,
  },
  {
    field: 'createHumanAgent',
    kind: 'mutation',
    access: 'agents:manage',
    document: `mutation { createHumanAgent(input: { name: "x", email: "bad", phoneNumber: "bad" }) { __typename } }`,
  },
  {
    field: 'updateHumanAgent',
    kind: 'mutation',
    access: 'agents:manage',
    document: `mutation { updateHumanAgent(id: "${unknownId}", input: {}) { __typename } }`,
  },
  {
    field: 'setAgentAvailability',
    kind: 'mutation',
    access: 'agents:availability',
    document: `mutation { setAgentAvailability(id: "${unknownId}", availability: AVAILABLE) { __typename } }`,
  },
  {
    field: 'deleteHumanAgent',
    kind: 'mutation',
    access: 'agents:manage',
    document: `mutation { deleteHumanAgent(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'escalations',
    kind: 'query',
    access: 'escalations:read',
    document: '{ escalations { id } }',
  },
  {
    field: 'escalation',
    kind: 'query',
    access: 'escalations:read',
    document: `{ escalation(id: "${unknownId}") { id } }`,
  },
  {
    field: 'escalateCall',
    kind: 'mutation',
    access: 'calls:escalate',
    document: `mutation { escalateCall(callId: "${unknownId}") { __typename } }`,
  },
  {
    field: 'acceptEscalation',
    kind: 'mutation',
    access: 'escalations:handle',
    document: `mutation { acceptEscalation(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'declineEscalation',
    kind: 'mutation',
    access: 'escalations:handle',
    document: `mutation { declineEscalation(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'completeEscalation',
    kind: 'mutation',
    access: 'escalations:handle',
    document: `mutation { completeEscalation(id: "${unknownId}", input: { resolved: true }) { __typename } }`,
  },
  {
    field: 'completeCallback',
    kind: 'mutation',
    access: 'escalations:handle',
    document: `mutation { completeCallback(id: "${unknownId}", input: { resolved: true }) { __typename } }`,
  },
  {
    field: 'escalationChanged',
    kind: 'subscription',
    access: 'escalations:read',
    document: 'subscription { escalationChanged { id } }',
  },
];
