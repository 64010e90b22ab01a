export { callWorkflow } from './call.ts';
export { campaignWorkflow } from './campaign.ts';
export { docSyncWorkflow } from './doc-sync.ts';
export { escalationWorkflow } from './escalation.ts';
export { knowledgeIngestWorkflow } from './knowledge.ts';
export { qaRecalculationWorkflow } from './quality.ts';
