import { type CallQualityDeps, createCallQualityActivities } from './call-quality.ts';
import { type CallActivityDeps, createCallActivities } from './calls.ts';
import { type CampaignActivityDeps, createCampaignActivities } from './campaigns.ts';
import { createDocSyncActivities } from './doc-sync.ts';
import { createEscalationActivities, type EscalationActivityDeps } from './escalation.ts';
import { createExportActivities, type ExportActivityDeps } from './exports.ts';
import { createKnowledgeActivities, type KnowledgeActivityDeps } from './knowledge.ts';
import { createPersonRequestActivities, type PersonRequestActivityDeps } from './person-requests.ts';
import { createPostCallActivities, type PostCallDeps } from './post-call.ts';
import { createRetentionActivities } from './retention.ts';
import { createTelephonyActivities, type TelephonyActivityDeps } from './telephony.ts';
import { createWebhookActivities, type WebhookActivityDeps } from './webhooks.ts';

export type ActivityDeps = CallActivityDeps &
  TelephonyActivityDeps &
  KnowledgeActivityDeps &
  CallQualityDeps &
  EscalationActivityDeps &
  PostCallDeps &
  WebhookActivityDeps &
  ExportActivityDeps &
  PersonRequestActivityDeps &
  CampaignActivityDeps;

/** Every activity the worker serves, built from the clients the composition root hands in. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createCallActivities(deps),
    ...createTelephonyActivities(deps),
    ...createKnowledgeActivities(deps),
    ...createDocSyncActivities(deps),
    ...createCallQualityActivities(deps),
    ...createEscalationActivities(deps),
    ...createPostCallActivities(deps),
    ...createWebhookActivities(deps),
    ...createExportActivities(deps),
    ...createCampaignActivities(deps),
    ...createRetentionActivities(deps),
    ...createPersonRequestActivities(deps),
  };
}
