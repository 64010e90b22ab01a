import { ApplicationFailure } from '@temporalio/activity';
import type { Intervention } from '../workflows/shared.ts';
import type { CallSession, SessionInfo } from './session.ts';

/**
 * Activities served on this bridge instance's own task queue: a call's workflow reaches the
 * bridge that holds the call's media stream through them.
 */
export function createBridgeActivities(deps: { instanceId: string; sessions: Set<CallSession> }) {
  const find = (callId: string) => [...deps.sessions].find((s) => s.callId === callId);
  return {
    async describeBridge(): Promise<{ instanceId: string; calls: SessionInfo[] }> {
      return { instanceId: deps.instanceId, calls: [...deps.sessions].map((s) => s.info()) };
    },
    /** Carries out a supervisor's intervention on the call's Realtime session. */
    async intervene(input: Intervention & { callId: string }): Promise<void> {
      const session = find(input.callId);
      if (!session) throw ApplicationFailure.nonRetryable('this bridge no longer holds the call', 'CallNotOnBridge');
      session.intervene(input);
    },
    /** Hangs up the media stream of a call; false when this bridge does not hold it (already gone). */
    async closeStream(input: { callId: string; reason: string }): Promise<boolean> {
      const session = find(input.callId);
      session?.close(input.reason);
      return session !== undefined;
    },
  };
}
