import { describe, expect, it } from '@jest/globals';
import { runDrill } from '../support/drill.ts';

/**
 * kill -9 of the worker, the bridge and the gateway in turn while calls are live (each process its
 * own, one bridge): every call still ends correctly, every line is stored once and published once,
 * and a supervisor who follows the calls through the gateway gets every line once. (Words a caller
 * spoke into the bridge as it was killed never reached the platform; at most one line a call.)
 */
describe('the failure drill', () => {
  it('ends every call correctly with each line stored and published once through three kills', async () => {
    const report = await runDrill({
      calls: 6,
      kills: [
        { process: 'worker', atMs: 4_000, downMs: 500 },
        { process: 'bridge', atMs: 9_000, downMs: 2_000 },
        { process: 'gateway', atMs: 15_000, downMs: 1_000 },
      ],
    });
    for (const call of report.calls) {
      expect(call).toMatchObject({
        status: 'completed',
        numberedOnce: true,
        publishedOnce: true,
        missedLive: 0,
        duplicatedLive: 0,
      });
      expect(['agent_ended_call', 'hangup']).toContain(call.endReason);
      // At most what the caller said into the bridge as it died is not heard: that audio is gone.
      expect(call.unheard.length).toBeLessThanOrEqual(1);
    }
    expect(report.workerStallMs).toBeDefined();
  }, 300_000);
});
