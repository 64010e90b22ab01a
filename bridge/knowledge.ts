/**
 * What the voice agent's `lookup_knowledge` tool reads: the business's chunks in Weaviate (one
 * tenant per business in the `KnowledgeChunk` collection), turned into a short answer that can be
 * spoken, with the chunk ids kept so QA can check what was said against its sources.
 */
import type { WeaviateClient } from '../lib/weaviate.ts';

export const KNOWLEDGE_COLLECTION = 'KnowledgeChunk';

export interface KnowledgeHit {
  chunkId: string;
  title: string;
  text: string;
  sourceUrl: string | null;
  score: number | null;
}

export interface KnowledgeLookup {
  search(input: { businessId: string; query: string; limit: number }): Promise<KnowledgeHit[]>;
}

/** BM25 over the business's tenant; a business with no knowledge yet has no tenant and finds nothing. */
export function createWeaviateKnowledge(client: WeaviateClient): KnowledgeLookup {
  return {
    async search({ businessId, query, limit }) {
      if (!(await client.collections.exists(KNOWLEDGE_COLLECTION))) return [];
      const collection = client.collections.use(KNOWLEDGE_COLLECTION);
      const tenants = await collection.tenants.getByNames([businessId]);
      if (!tenants[businessId]) return [];
      const result = await collection.withTenant(businessId).query.bm25(query, {
        limit,
        returnMetadata: ['score'],
        returnProperties: ['title', 'text', 'sourceUrl'],
      });
      return result.objects.map((o) => ({
        chunkId: o.uuid,
        title: String(o.properties.title ?? ''),
        text: String(o.properties.text ?? ''),
        sourceUrl: o.properties.sourceUrl ? String(o.properties.sourceUrl) : null,
        score: o.metadata?.score ?? null,
      }));
    },
  };
}

/** Plain sentences for the voice: no markdown, links or code, cut at a sentence within `maxChars`. */
export function speakable(text: string, maxChars = 600): string {
  const plain = text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_~>|]/g, '')
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= maxChars) return plain;
  const cut = plain.slice(0, maxChars);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('? '), cut.lastIndexOf('! '));
  return end > maxChars / 3 ? cut.slice(0, end + 1) : `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}
