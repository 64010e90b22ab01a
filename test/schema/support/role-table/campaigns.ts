import { type Operation, unknownId } from './operation.ts';

/** Outbound campaigns, their contacts, and the organisation's do-not-call list. */
export const CAMPAIGN_OPERATIONS: Operation[] = [
  { field: 'campaigns', kind: 'query', access: 'campaigns:read', document: '{ campaigns { id } }' },
  { field: 'campaign', kind: 'query', access: 'campaigns:read', document: `{ campaign(id: "${unknownId}") { id } }` },
  {
    field: 'campaignCsvPreview',
    kind: 'query',
    access: 'campaigns:manage',
    document: `query ($file: File!) { campaignCsvPreview(campaignId: "${unknownId}", file: $file) { __typename } }`,
    upload: true,
  },
  {
    field: 'createCampaign',
    kind: 'mutation',
    access: 'campaigns:manage',
    document: `mutation { createCampaign(input: { businessId: "${unknownId}", name: "x" }) { __typename } }`,
  },
  {
    field: 'updateCampaign',
    kind: 'mutation',
    access: 'campaigns:manage',
    document: `mutation { updateCampaign(id: "${unknownId}", input: {}) { __typename } }`,
  },
  {
    field: 'deleteCampaign',
    kind: 'mutation',
    access: 'campaigns:manage',
    document: `mutation { deleteCampaign(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'importCampaignContacts',
    kind: 'mutation',
    access: 'campaigns:manage',
    document: `mutation ($file: File!) { importCampaignContacts(campaignId: "${unknownId}", file: $file) { __typename } }`,
    upload: true,
  },
  {
    field: 'addCampaignContacts',
    kind: 'mutation',
    access: 'campaigns:manage',
    document: `mutation { addCampaignContacts(campaignId: "${unknownId}", contacts: []) { __typename } }`,
  },
  {
    field: 'startCampaign',
    kind: 'mutation',
    access: 'campaigns:run',
    document: `mutation { startCampaign(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'pauseCampaign',
    kind: 'mutation',
    access: 'campaigns:run',
    document: `mutation { pauseCampaign(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'resumeCampaign',
    kind: 'mutation',
    access: 'campaigns:run',
    document: `mutation { resumeCampaign(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'cancelCampaign',
    kind: 'mutation',
    access: 'campaigns:run',
    document: `mutation { cancelCampaign(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'campaignProgress',
    kind: 'subscription',
    access: 'campaigns:read',
    document: `subscription { campaignProgress(campaignId: "${unknownId}") { id } }`,
  },
  {
    field: 'doNotCallEntries',
    kind: 'query',
    access: 'dnc:read',
    document: '{ doNotCallEntries { totalCount } }',
  },
  {
    field: 'doNotCallLookup',
    kind: 'query',
    access: 'dnc:read',
    document: '{ doNotCallLookup(phoneNumber: "+14155550100") { __typename } }',
  },
  {
    field: 'addDoNotCall',
    kind: 'mutation',
    access: 'dnc:manage',
    document: 'mutation { addDoNotCall(input: { phoneNumber: "not a number" }) { __typename } }',
  },
  {
    field: 'updateDoNotCall',
    kind: 'mutation',
    access: 'dnc:manage',
    document: `mutation { updateDoNotCall(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'removeDoNotCall',
    kind: 'mutation',
    access: 'dnc:manage',
    document: `mutation { removeDoNotCall(id: "${unknownId}") { __typename } }`,
  },
];
