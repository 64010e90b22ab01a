import { type Operation, unknownId } from './operation.ts';

/** Data governance: what a business redacts and keeps, and revealing what it kept. */
export const PRIVACY_OPERATIONS: Operation[] = [
  {
    field: 'updatePrivacySettings',
    kind: 'mutation',
    access: 'privacy:manage',
    document: `mutation { updatePrivacySettings(businessId: "${unknownId}", input: {}) { __typename } }`,
  },
  {
    field: 'revealTranscriptOriginals',
    kind: 'mutation',
    access: 'transcripts:reveal',
    document: `mutation { revealTranscriptOriginals(callId: "${unknownId}") { __typename } }`,
  },
];
