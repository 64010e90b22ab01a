/** The knowledge ingestion workflow's contract (id `knowledge-<entry>`). */
import { defineQuery } from '@temporalio/workflow';

export const KNOWLEDGE_INGEST_WORKFLOW_TYPE = 'knowledgeIngestWorkflow';
export const knowledgeWorkflowId = (entryId: string): string => `knowledge-${entryId}`;

export interface KnowledgeIngestInput {
  entryId: string;
}
export interface KnowledgeIngestResult {
  status: 'ready' | 'unchanged' | 'failed';
  chunks: number;
}
export type KnowledgeIngestWorkflow = (input: KnowledgeIngestInput) => Promise<KnowledgeIngestResult>;

/**
 * Re-embedding a business's chunks after the configured embedder changed (id
 * `knowledge-reindex-<business>`): chunks keep their ids and text and get vectors of the current
 * embedder. Started by the worker when it finds chunks of another embedder, or by `reindexKnowledge`.
 */
export const KNOWLEDGE_REINDEX_WORKFLOW_TYPE = 'knowledgeReindexWorkflow';
export const knowledgeReindexWorkflowId = (businessId: string): string => `knowledge-reindex-${businessId}`;

export interface KnowledgeReindexProgress {
  /** The embedder the chunks are re-embedded with. */
  embedder: string;
  status: 'running' | 'done';
  /** Chunks of another embedder when the reindex started. */
  totalChunks: number;
  reembeddedChunks: number;
  entries: number;
}
export interface KnowledgeReindexInput {
  businessId: string;
  /** Carried over by continue-as-new. */
  progress?: KnowledgeReindexProgress;
}
export type KnowledgeReindexWorkflow = (input: KnowledgeReindexInput) => Promise<KnowledgeReindexProgress>;
export const knowledgeReindexProgressQuery = defineQuery<KnowledgeReindexProgress>('progress');
