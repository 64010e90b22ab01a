import { continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createKnowledgeActivities } from '../activities/knowledge.ts';
import {
  type KnowledgeReindexInput,
  type KnowledgeReindexProgress,
  type KnowledgeReindexWorkflow,
  knowledgeReindexProgressQuery,
} from './definitions/knowledge.ts';
import { activityPresets } from './definitions/presets.ts';

const reindex = proxyActivities<ReturnType<typeof createKnowledgeActivities>>(activityPresets.reembed);
const db = proxyActivities<ReturnType<typeof createKnowledgeActivities>>(activityPresets.document);

/** Entries asked for at a time. */
const PAGE = 20;
/** Entries re-embedded before the workflow continues as new, so its history stays small at any size. */
const ENTRIES_PER_RUN = 200;

/**
 * Re-embeds a business's chunks that another embedder wrote, an entry at a time (each an activity
 * that heartbeats and re-embeds only what is still stale, so a retry or a dead worker repeats
 * nothing). The `progress` query answers where it stands, in the Temporal UI and through GraphQL.
 */
export async function knowledgeReindexWorkflow(input: KnowledgeReindexInput): Promise<KnowledgeReindexProgress> {
  const progress: KnowledgeReindexProgress = input.progress ?? {
    embedder: '',
    status: 'running',
    totalChunks: 0,
    reembeddedChunks: 0,
    entries: 0,
  };
  // Registered first, so a query right after the start is answered.
  setHandler(knowledgeReindexProgressQuery, () => progress);
  if (!input.progress) Object.assign(progress, await db.startKnowledgeReindex({ businessId: input.businessId }));
  let entriesThisRun = 0;
  for (;;) {
    const entryIds = await db.staleKnowledgeEntries({ businessId: input.businessId, limit: PAGE });
    if (!entryIds.length) break;
    for (const entryId of entryIds) {
      progress.reembeddedChunks += await reindex.reembedKnowledgeEntry({ businessId: input.businessId, entryId });
      progress.entries += 1;
      entriesThisRun += 1;
    }
    if (entriesThisRun >= ENTRIES_PER_RUN || workflowInfo().continueAsNewSuggested) {
      return continueAsNew<KnowledgeReindexWorkflow>({ businessId: input.businessId, progress });
    }
  }
  progress.status = 'done';
  return progress;
}

knowledgeReindexWorkflow satisfies KnowledgeReindexWorkflow;
