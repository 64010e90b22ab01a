export { callWorkflow } from './call.ts';
export { knowledgeIngestWorkflow } from './knowledge.ts';
