import { type Operation, unknownId } from './operation.ts';

/** Data governance: what a business redacts and keeps, revealing what it kept, and a person's requests. */
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
  {
    field: 'personRequests',
    kind: 'query',
    access: 'privacy:subjectRequests',
    document: '{ personRequests { id } }',
  },
  {
    field: 'personRequest',
    kind: 'query',
    access: 'privacy:subjectRequests',
    document: `{ personRequest(id: "${unknownId}") { id } }`,
  },
  // Both a number and an email: refused as invalid, so an allowed caller starts nothing.
  {
    field: 'exportPersonData',
    kind: 'mutation',
    access: 'privacy:subjectRequests',
    document: 'mutation { exportPersonData(input: { phoneNumber: "+14155550100", email: "a@b.test" }) { __typename } }',
  },
  {
    field: 'erasePerson',
    kind: 'mutation',
    access: 'privacy:subjectRequests',
    document:
      'mutation { erasePerson(input: { phoneNumber: "+14155550100", email: "a@b.test", addToDoNotCall: false }) { __typename } }',
  },
];
