import { gql } from '@urql/core';
import type { MutationOutcome } from './graphql.ts';

/** What the knowledge list and an entry's page show of every entry. */
export interface KnowledgeEntryRow {
  id: string;
  title: string;
  source: string;
  sourceUrl: string | null;
  vendor: string | null;
  docType: string | null;
  status: string;
  error: string | null;
  chunkCount: number;
  indexedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const ENTRY_FIELDS =
  'id title source sourceUrl vendor docType status error chunkCount indexedAt createdAt updatedAt';

type EntryResult = MutationOutcome & { data?: KnowledgeEntryRow };

export const KnowledgeEntryChanged = gql<{ knowledgeEntryChanged: KnowledgeEntryRow }>`
  subscription ConsoleKnowledgeEntryChanged($businessId: ID!) {
    knowledgeEntryChanged(businessId: $businessId) { ${ENTRY_FIELDS} }
  }
`;
export const ReindexKnowledgeEntry = gql<{ reindexKnowledgeEntry: EntryResult }>`
  mutation ConsoleReindexKnowledgeEntry($id: ID!) {
    reindexKnowledgeEntry(id: $id) {
      __typename
      ... on MutationReindexKnowledgeEntrySuccess { data { ${ENTRY_FIELDS} } }
      ... on Error { message }
    }
  }
`;
export const DeleteKnowledgeEntry = gql<{ deleteKnowledgeEntry: MutationOutcome }>`
  mutation ConsoleDeleteKnowledgeEntry($id: ID!) {
    deleteKnowledgeEntry(id: $id) { __typename ... on Error { message } }
  }
`;

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
