export { callWorkflow } from './call.ts';
export { docSyncWorkflow } from './doc-sync.ts';
export { escalationWorkflow } from './escalation.ts';
export { exportWorkflow } from './export.ts';
export { knowledgeIngestWorkflow } from './knowledge.ts';
export { qaRecalculationWorkflow } from './quality.ts';
