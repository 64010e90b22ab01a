import { type CallQualityDeps, createCallQualityActivities } from './call-quality.ts';
import { type CallActivityDeps, createCallActivities } from './calls.ts';
import { type CampaignActivityDeps, createCampaignActivities } from './campaigns.ts';
import { createDocSyncActivities } from './doc-sync.ts';
import { createEscalationActivities, type EscalationActivityDeps } from './escalation.ts';
import { createKnowledgeActivities, type KnowledgeActivityDeps } from './knowledge.ts';
import { createTelephonyActivities, type TelephonyActivityDeps } from './telephony.ts';

export type ActivityDeps = CallActivityDeps &
  TelephonyActivityDeps &
  KnowledgeActivityDeps &
  CallQualityDeps &
  EscalationActivityDeps &
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
    ...createCampaignActivities(deps),
  };
}
