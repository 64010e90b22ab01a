import { type CallActivityDeps, createCallActivities } from './calls.ts';

export type ActivityDeps = CallActivityDeps;

/** Every activity the worker serves, built from the clients the composition root hands in. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createCallActivities(deps),
  };
}
