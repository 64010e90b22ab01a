import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from './gql/gql.ts';

/** What the knowledge list and an entry's page show of every entry. */
const KnowledgeEntryFields = graphql(`
  fragment KnowledgeEntryFields on KnowledgeEntry {
    id title source sourceUrl vendor docType status error chunkCount indexedAt createdAt updatedAt
  }
`);
export type KnowledgeEntryRow = ResultOf<typeof KnowledgeEntryFields>;

export const KnowledgeEntryChanged = graphql(`
  subscription ConsoleKnowledgeEntryChanged($businessId: ID!) {
    knowledgeEntryChanged(businessId: $businessId) { ...KnowledgeEntryFields }
  }
`);
export const ReindexKnowledgeEntry = graphql(`
  mutation ConsoleReindexKnowledgeEntry($id: ID!) {
    reindexKnowledgeEntry(id: $id) {
      __typename
      ... on MutationReindexKnowledgeEntrySuccess { data { ...KnowledgeEntryFields } }
      ... on Error { message }
    }
  }
`);
export const DeleteKnowledgeEntry = graphql(`
  mutation ConsoleDeleteKnowledgeEntry($id: ID!) {
    deleteKnowledgeEntry(id: $id) { __typename ... on Error { message } }
  }
`);

/** How an entry came in: upload, url, text, doc sync. */
export const sourceLabel = (source: string) => source.toLowerCase().replace('_', ' ');

/**
 * Puts a state of an entry into a newest-first list (in place). Events and answers arrive in any
 * order: an entry is only updated to a state at least as recent. The entry object stays the same,
 * so its row (and, say, a deletion being confirmed there) stays too.
 */
export function mergeEntry(list: KnowledgeEntryRow[], entry: KnowledgeEntryRow): void {
  const shown = list.find((e) => e.id === entry.id);
  if (shown) {
    if (entry.updatedAt >= shown.updatedAt) Object.assign(shown, entry);
    return;
  }
  const at = list.findIndex((e) => e.createdAt < entry.createdAt);
  list.splice(at < 0 ? list.length : at, 0, entry);
}
