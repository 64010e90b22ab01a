/** The knowledge ingestion workflow's contract (id `knowledge-<entry>`). */

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
