// A workflow used only by tests: it reaches a bridge through that bridge's own task queue, the way
// a call's workflow commands the bridge that holds its media stream.
import { proxyActivities } from '@temporalio/workflow';
import type { createBridgeActivities } from '../../../bridge/activities.ts';
import { bridgeTaskQueue } from '../../../workflows/definitions/bridge.ts';
import { activityPresets } from '../../../workflows/definitions/presets.ts';

export async function bridgeProbeWorkflow(instanceId: string, callId: string) {
  const bridge = proxyActivities<ReturnType<typeof createBridgeActivities>>({
    ...activityPresets.bridge,
    taskQueue: bridgeTaskQueue(instanceId),
  });
  const before = await bridge.describeBridge();
  const closed = await bridge.closeStream({ callId, reason: 'probe' });
  return { before, closed };
}
