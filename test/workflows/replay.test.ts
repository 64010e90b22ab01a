import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { Worker } from '@temporalio/worker';
import { Encryption } from '../../lib/encryption.ts';
import { OrganizationPayloadCodec } from '../../lib/payload-codec.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { quietTemporalRuntime } from '../support/temporal.ts';

/**
 * Deploy safety: recorded histories (exported from the Temporal dev server with `temporal workflow
 * show --output json`) replay without non-determinism under today's code — calls recorded before
 * the call workflow learnt quality scoring and escalation, a call escalated to an agent by warm
 * transfer with its escalation workflow (polling the conference, and hearing of it from Twilio), an
 * escalation nobody could take, a call whose stream was recovered after its bridge died, an
 * incremental doc sync, a call that started its post-call analysis with that analysis, a webhook
 * delivery that was retried (and one asked to redeliver during a failing attempt, before that was honoured), and a campaign that retried busy and unanswered contacts, skipped a
 * number listed mid-campaign and heard a callee ask not to be called again, with that call. A change
 * that breaks one of these needs a `patched()` branch for the workflows already running (see the
 * *_PATCH markers in workflows/call.ts and workflows/escalation.ts).
 */
const histories = fileURLToPath(new URL('../fixtures/histories/', import.meta.url));
const workflowsPath = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));
/** Histories recorded since the payload codec hold sealed payloads (under the test keys); older ones plain. */
const dataConverter = {
  payloadCodecs: [
    new OrganizationPayloadCodec(new Encryption(testConfig(testEnv()).encryption.keys), async () => undefined),
  ],
};

describe('workflow replay', () => {
  quietTemporalRuntime();
  const files = readdirSync(histories).filter((f) => f.endsWith('.json'));

  it('has histories to replay', () => {
    expect(files.filter((f) => f.startsWith('call-before-quality-')).length).toBeGreaterThanOrEqual(3);
    expect(files).toEqual(
      expect.arrayContaining([
        'call-escalated-warm-transfer.json',
        'escalation-warm-transfer.json',
        'call-post-call-analysis.json',
        'postcall-work-history.json',
        'webhook-delivery-retried.json',
        'webhook-delivery-redelivery-during-attempt.json',
        'campaign-retries-and-do-not-call.json',
        'call-from-campaign-do-not-call.json',
      ]),
    );
  });

  it.each(files)(
    'replays %s',
    async (file) => {
      const history = JSON.parse(readFileSync(`${histories}${file}`, 'utf8'));
      await expect(
        Worker.runReplayHistory({ workflowsPath, replayName: file, dataConverter }, history, 'call-replay'),
      ).resolves.toBeUndefined();
    },
    120_000,
  );
});
