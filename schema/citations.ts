/**
 * The knowledge an agent's line drew on, as the bridge recorded it with the line (metadata
 * `knowledgeCitations`), so a supervisor can check an answer against its source. Lines recorded
 * before citations carried more than ids (`knowledgeChunkIds` only) cite their chunk ids alone.
 */
import type { KnowledgeCitation } from '../knowledge/store.ts';
import { builder } from './builder.ts';

type Citation = Pick<KnowledgeCitation, 'chunkId'> & Partial<Omit<KnowledgeCitation, 'chunkId'>>;

export const TranscriptCitationRef = builder.objectRef<Citation>('TranscriptCitation').implement({
  description: 'A knowledge chunk an agent line was answered from, as it was when the line was spoken.',
  fields: (t) => ({
    chunkId: t.exposeID('chunkId'),
    entryId: t.id({ nullable: true, resolve: (c) => c.entryId ?? null }),
    title: t.string({ nullable: true, resolve: (c) => c.title ?? null }),
    heading: t.string({
      nullable: true,
      description: 'The heading path of the chunk (document title > section).',
      resolve: (c) => c.heading ?? null,
    }),
    sourceUrl: t.string({ nullable: true, resolve: (c) => c.sourceUrl ?? null }),
    score: t.float({
      nullable: true,
      description: 'Its search score among the candidates of that lookup (reranked).',
      resolve: (c) => c.score ?? null,
    }),
    similarity: t.float({
      nullable: true,
      description: "Cosine similarity of the chunk to the agent's query (how close it really was).",
      resolve: (c) => c.similarity ?? null,
    }),
  }),
});

/** The citations in a line's metadata, best first; none for a line that drew on no knowledge. */
export function lineCitations(metadata: Record<string, unknown> | null | undefined): Citation[] {
  const citations = metadata?.knowledgeCitations;
  if (Array.isArray(citations))
    return citations.filter((c): c is Citation => typeof (c as Citation | null)?.chunkId === 'string');
  const ids = metadata?.knowledgeChunkIds;
  return Array.isArray(ids) ? ids.filter((id) => typeof id === 'string').map((chunkId) => ({ chunkId })) : [];
}
