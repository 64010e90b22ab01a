/**
 * The bridge's side of the contract: each bridge process polls its own task queue, so a call's
 * workflow can command the bridge that holds the call's media stream through these activities.
 */
import type { Intervention } from './call.ts';

export const bridgeTaskQueue = (instanceId: string): string => `bridge-${instanceId}`;

/** What one bridge reports about a call it holds. */
export interface BridgeSessionInfo {
  callId: string | undefined;
  callSid: string | undefined;
  streamSid: string | undefined;
  mediaFrames: number;
  connectedAt: string;
  /** Realtime sessions this call has used on this bridge (more than one after a rollover). */
  realtimeSessions: number;
  /** True when this stream continued a call another bridge (or stream) had started. */
  resumed: boolean;
  /** Caller's end of speech (before VAD's closing silence) to the first audio byte sent back, per reply. */
  responseLatenciesMs: number[];
}

/** The activities every bridge serves on `bridgeTaskQueue(instanceId)`. */
export interface BridgeActivities {
  describeBridge(): Promise<{ instanceId: string; calls: BridgeSessionInfo[] }>;
  /** Carries out a supervisor's intervention on the call's Realtime session. */
  intervene(input: Intervention & { callId: string }): Promise<void>;
  /** Hangs up the media stream of a call; false when this bridge does not hold it (already gone). */
  closeStream(input: { callId: string; reason: string }): Promise<boolean>;
}
