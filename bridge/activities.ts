import { ApplicationFailure } from '@temporalio/activity';
import type { BridgeActivities } from '../workflows/definitions/bridge.ts';
import type { CallSession } from './session.ts';

/**
 * Activities served on this bridge instance's own task queue: a call's workflow reaches the
 * bridge that holds the call's media stream through them.
 */
export function createBridgeActivities(deps: { instanceId: string; sessions: Set<CallSession> }): BridgeActivities {
  const find = (callId: string) => [...deps.sessions].find((s) => s.callId === callId);
  return {
    async describeBridge() {
      return { instanceId: deps.instanceId, calls: [...deps.sessions].map((s) => s.info()) };
    },
    async intervene(input) {
      const session = find(input.callId);
      if (!session) throw ApplicationFailure.nonRetryable('this bridge no longer holds the call', 'CallNotOnBridge');
      session.intervene(input);
    },
    async closeStream(input) {
      const session = find(input.callId);
      session?.close(input.reason);
      return session !== undefined;
    },
  };
}
