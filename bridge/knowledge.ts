/**
 * What the voice agent's `lookup_knowledge` tool reads: the business's chunks in Weaviate (one
 * tenant per business, ../knowledge/store.ts), turned into a short answer that can be spoken, with
 * the chunk ids kept so QA can check what was said against its sources.
 */
import type { KnowledgeStore } from '../knowledge/store.ts';

export type { KnowledgeHit } from '../knowledge/store.ts';

/** What the voice agent needs of the knowledge base: hybrid search in the business's tenant. */
export type KnowledgeLookup = Pick<KnowledgeStore, 'search'>;

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
