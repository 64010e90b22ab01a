/**
 * How a business's voice agent looks things up (`BusinessConfig.settings.knowledge`): whether it
 * may, how many passages it reads, and how good a passage must be to count.
 */
import { z } from 'zod';

export interface KnowledgeLookupSettings {
  /** Off: the agent is not given the lookup tool and answers from its instructions alone. */
  enabled: boolean;
  /** Passages read per question (the answer is compressed from them). */
  maxResults: number;
  /** Passages scoring below this (0–1, after reranking) are not used. */
  minScore: number;
}

export const knowledgeLookupSchema = z.object({
  enabled: z.boolean().default(true),
  maxResults: z.number().int().min(1).max(10).default(3),
  minScore: z.number().min(0).max(1).default(0),
}) satisfies z.ZodType<KnowledgeLookupSettings>;

export const DEFAULT_KNOWLEDGE_LOOKUP: KnowledgeLookupSettings = knowledgeLookupSchema.parse({});

/** A business's lookup settings, defaults filled in (a bad stored value falls back to the defaults). */
export function knowledgeLookupOf(business: { settings?: unknown }): KnowledgeLookupSettings {
  const stored = (business.settings as { knowledge?: unknown } | null | undefined)?.knowledge ?? {};
  const parsed = knowledgeLookupSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_KNOWLEDGE_LOOKUP;
}
