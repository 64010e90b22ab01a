/**
 * npm run bench:codec — what the Temporal payload codec costs: CPU per payload to seal (encode) and
 * open (decode) a transcript-line signal and a whole call's workflow input, and the bytes it adds.
 * One process, no I/O: the figures are the codec's own, what every workflow task and signal pays.
 *
 *   BENCH_ITERATIONS (default 20000) payloads per measurement, after as many to warm up.
 */
import { randomUUID } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { Encryption } from '../lib/encryption.ts';
import { OrganizationPayloadCodec } from '../lib/payload-codec.ts';

const iterations = Number(process.env.BENCH_ITERATIONS ?? 20_000);
const organizationId = randomUUID();
const workflowId = `call-${randomUUID()}`;
const encryption = new Encryption([{ id: 'bench', key: Buffer.alloc(32, 7) }]);
const codec = new OrganizationPayloadCodec(encryption, async () => organizationId);
const context = { type: 'workflow', workflowId, namespace: 'default' } as const;

const samples: Record<string, Payload> = {
  'transcript line (signal)': defaultPayloadConverter.toPayload({
    callId: randomUUID(),
    session: randomUUID(),
    sequence: 42,
    speaker: 'customer',
    text: 'My bill this month is way more than I expected, what is going on with that?',
    startMs: 12_340,
    endMs: 15_020,
    metadata: { redactions: [] },
  }),
  'call workflow input': defaultPayloadConverter.toPayload({
    callId: randomUUID(),
    organizationId,
    businessId: randomUUID(),
    direction: 'outbound',
    fromNumber: '+15550100000',
    toNumber: '+15550100001',
    ringTimeoutSeconds: 30,
    maxDurationSeconds: 1800,
    answeringMachineDetection: false,
    voicemailMessage: null,
    streamRecoverySeconds: 30,
    reconcileAfterSeconds: 60,
  }),
};

async function measure(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < iterations; i++) await run();
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i++) await run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / iterations;
}

console.log(`Temporal payload codec, ${iterations} payloads per figure (CPU µs per payload)`);
console.log('| payload | plain bytes | sealed bytes | seal µs | open µs |');
console.log('| --- | --- | --- | --- | --- |');
for (const [name, payload] of Object.entries(samples)) {
  const [sealed] = await codec.encode([payload], context);
  const sealUs = await measure(() => codec.encode([payload], context));
  const openUs = await measure(() => codec.decode([sealed!], context));
  console.log(
    `| ${name} | ${payload.data!.length} | ${sealed!.data!.length} | ${sealUs.toFixed(1)} | ${openUs.toFixed(1)} |`,
  );
}
