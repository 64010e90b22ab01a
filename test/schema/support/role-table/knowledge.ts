import { type Operation, unknownId } from './operation.ts';

/** The knowledge base and the documentation sources synced into it. */
export const KNOWLEDGE_OPERATIONS: Operation[] = [
  {
    field: 'knowledgeEntries',
    kind: 'query',
    access: 'knowledge:read',
    document: `{ knowledgeEntries(businessId: "${unknownId}") { __typename } }`,
  },
  {
    field: 'knowledgeEntry',
    kind: 'query',
    access: 'knowledge:read',
    document: `{ knowledgeEntry(id: "${unknownId}") { id } }`,
  },
  {
    field: 'searchKnowledge',
    kind: 'query',
    access: 'knowledge:read',
    document: `{ searchKnowledge(businessId: "${unknownId}", query: "x") { __typename } }`,
  },
  {
    field: 'knowledgeReindex',
    kind: 'query',
    access: 'knowledge:read',
    document: `{ knowledgeReindex(businessId: "${unknownId}") { __typename } }`,
  },
  {
    field: 'reindexKnowledge',
    kind: 'mutation',
    access: 'knowledge:write',
    document: `mutation { reindexKnowledge(businessId: "${unknownId}") { __typename } }`,
  },
  {
    field: 'createKnowledgeEntry',
    kind: 'mutation',
    access: 'knowledge:write',
    document: `mutation { createKnowledgeEntry(input: { businessId: "${unknownId}", text: "x" }) { __typename } }`,
  },
  {
    field: 'uploadKnowledgeDocument',
    kind: 'mutation',
    access: 'knowledge:write',
    document: `mutation ($file: File!) { uploadKnowledgeDocument(businessId: "${unknownId}", file: $file) { __typename } }`,
    upload: true,
  },
  {
    field: 'updateKnowledgeEntry',
    kind: 'mutation',
    access: 'knowledge:write',
    document: `mutation { updateKnowledgeEntry(id: "${unknownId}", input: {}) { __typename } }`,
  },
  {
    field: 'reindexKnowledgeEntry',
    kind: 'mutation',
    access: 'knowledge:write',
    document: `mutation { reindexKnowledgeEntry(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'deleteKnowledgeEntry',
    kind: 'mutation',
    access: 'knowledge:write',
    document: `mutation { deleteKnowledgeEntry(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'docSyncPresets',
    kind: 'query',
    access: 'knowledge:read',
    document: '{ docSyncPresets { key } }',
  },
  {
    field: 'docSyncs',
    kind: 'query',
    access: 'knowledge:read',
    document: `{ docSyncs(businessId: "${unknownId}") { __typename } }`,
  },
  {
    field: 'docSync',
    kind: 'query',
    access: 'knowledge:read',
    document: `{ docSync(source: "${unknownId}") { id } }`,
  },
  {
    field: 'createDocSource',
    kind: 'mutation',
    access: 'knowledge:write',
    document: `mutation { createDocSource(input: { businessId: "${unknownId}", startUrl: "https://example.com/docs/" }) { __typename } }`,
  },
  {
    field: 'updateDocSource',
    kind: 'mutation',
    access: 'knowledge:write',
    document: `mutation { updateDocSource(id: "${unknownId}", input: {}) { __typename } }`,
  },
  {
    field: 'deleteDocSource',
    kind: 'mutation',
    access: 'knowledge:write',
    document: `mutation { deleteDocSource(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'startDocSync',
    kind: 'mutation',
    access: 'knowledge:write',
    document: `mutation { startDocSync(source: "${unknownId}") { __typename } }`,
  },
  {
    field: 'cancelDocSync',
    kind: 'mutation',
    access: 'knowledge:write',
    document: `mutation { cancelDocSync(source: "${unknownId}") { __typename } }`,
  },
  {
    field: 'knowledgeEntryChanged',
    kind: 'subscription',
    access: 'knowledge:read',
    document: `subscription { knowledgeEntryChanged(businessId: "${unknownId}") { id } }`,
  },
  {
    field: 'docSyncProgress',
    kind: 'subscription',
    access: 'knowledge:read',
    document: `subscription { docSyncProgress(source: "${unknownId}") { id } }`,
  },
];
