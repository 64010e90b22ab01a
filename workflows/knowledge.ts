import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { createKnowledgeActivities } from '../activities/knowledge.ts';
import type { KnowledgeIngestInput, KnowledgeIngestResult, KnowledgeIngestWorkflow } from './definitions/knowledge.ts';
import { activityPresets } from './definitions/presets.ts';

const knowledge = proxyActivities<ReturnType<typeof createKnowledgeActivities>>(activityPresets.document);
const db = proxyActivities<ReturnType<typeof createKnowledgeActivities>>(activityPresets.database);

/**
 * Ingests one knowledge entry: read (or fetch) and extract, chunk, embed and write to Weaviate, then
 * mark it ready. Each step is an activity, so a worker crash mid-document resumes at the step it
 * was on; an unchanged document is recognised by its hash and writes nothing.
 */
export async function knowledgeIngestWorkflow(input: KnowledgeIngestInput): Promise<KnowledgeIngestResult> {
  try {
    const prepared = await knowledge.prepareKnowledgeEntry(input);
    if (prepared.unchanged) return { status: 'unchanged', chunks: 0 };
    await knowledge.indexKnowledgeEntry({ entryId: input.entryId, ...prepared });
    await db.finishKnowledgeEntry({
      entryId: input.entryId,
      status: 'ready',
      hash: prepared.hash,
      chunkCount: prepared.chunks.length,
    });
    return { status: 'ready', chunks: prepared.chunks.length };
  } catch (error) {
    const cause = (error as Error).cause;
    const message = cause instanceof ApplicationFailure ? cause.message : (error as Error).message;
    await db.finishKnowledgeEntry({ entryId: input.entryId, status: 'failed', error: message.slice(0, 1000) });
    return { status: 'failed', chunks: 0 };
  }
}

knowledgeIngestWorkflow satisfies KnowledgeIngestWorkflow;
