import { type CallActivityDeps, createCallActivities } from './calls.ts';
import { createTelephonyActivities, type TelephonyActivityDeps } from './telephony.ts';

export type ActivityDeps = CallActivityDeps & TelephonyActivityDeps;

/** Every activity the worker serves, built from the clients the composition root hands in. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createCallActivities(deps),
    ...createTelephonyActivities(deps),
  };
}
