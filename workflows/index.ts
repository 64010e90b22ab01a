export { callWorkflow } from './call.ts';
export { docSyncWorkflow } from './doc-sync.ts';
export { escalationWorkflow } from './escalation.ts';
export { knowledgeIngestWorkflow } from './knowledge.ts';
export { knowledgeReindexWorkflow } from './knowledge-reindex.ts';
export { postCallWorkflow } from './post-call.ts';
export { qaRecalculationWorkflow } from './quality.ts';
export { webhookDeliveryWorkflow } from './webhook-delivery.ts';
