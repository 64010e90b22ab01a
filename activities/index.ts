import { type CallActivityDeps, createCallActivities } from './calls.ts';
import { createDocSyncActivities } from './doc-sync.ts';
import { createKnowledgeActivities, type KnowledgeActivityDeps } from './knowledge.ts';
import { createTelephonyActivities, type TelephonyActivityDeps } from './telephony.ts';

export type ActivityDeps = CallActivityDeps & TelephonyActivityDeps & KnowledgeActivityDeps;

/** Every activity the worker serves, built from the clients the composition root hands in. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createCallActivities(deps),
    ...createTelephonyActivities(deps),
    ...createKnowledgeActivities(deps),
    ...createDocSyncActivities(deps),
  };
}
