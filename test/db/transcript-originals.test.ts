import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { appendTranscript, recordCall } from '../../db/calls.ts';
import { transcriptOriginalPurpose } from '../../db/entities/index.ts';
import { resealTranscriptOriginals } from '../../db/transcript-originals.ts';
import { DecryptionError, Encryption } from '../../lib/encryption.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { graphql } from '../support/graphql.ts';
import { createTenant, login, type Tenant } from '../support/tenants.ts';

/**
 * Kept transcript originals through a master key rotation: sealed at rest (the test reads the raw
 * column), opened for an admin through the API before and after, re-sealed under the new key by the
 * rotation command's code, once.
 */
const OLD_KEY = { id: 'old', key: randomBytes(32) };
const NEW_KEY = { id: 'new', key: randomBytes(32) };
const ORIGINALS = ['My card is 4242 4242 4242 4242.', 'Write to jane.doe@example.com please.'];
const REVEAL = `mutation ($id: ID!) { revealTranscriptOriginals(callId: $id) {
  __typename ... on MutationRevealTranscriptOriginalsSuccess { data { sequence text } } } }`;

let gateway: TestGateway;
let tenant: Tenant;
let admin: string;
const callId = randomUUID();

/** The call's stored originals, as the column holds them. */
const rawOriginals = async () =>
  (
    await gateway.orm.em
      .fork()
      .execute<{ original_text: string }[]>(
        'select original_text from call_interaction where call_id = ? and original_text is not null order by sequence',
        [callId],
      )
  ).map((row) => row.original_text);

/** The originals as an admin reveals them through the API. */
async function revealed(): Promise<string[]> {
  const { data, errors } = await graphql(gateway.url, REVEAL, { id: callId }, admin);
  if (!data) throw new Error(`reveal failed: ${JSON.stringify(errors)}`);
  return (data.revealTranscriptOriginals.data as { text: string }[]).map((line) => line.text);
}

beforeAll(async () => {
  // The gateway holds both keys, as every process does while a rotation runs.
  const keys = [NEW_KEY, OLD_KEY].map((k) => `${k.id}:${k.key.toString('base64')}`).join(',');
  gateway = await startGateway(testConfig(testEnv({ ENCRYPTION_KEYS: keys })));
  tenant = await createTenant(gateway.orm, 'Originals');
  admin = (await login(gateway.url, tenant.emails.admin)).accessToken;
  await recordCall(gateway.orm.em, {
    id: callId,
    organizationId: tenant.organizationId,
    businessId: tenant.businessId,
    direction: 'inbound',
    fromNumber: '+15550104242',
    toNumber: tenant.businessNumber,
  });
  // Lines written before the rotation: sealed under the old key.
  const old = new Encryption([OLD_KEY]);
  await appendTranscript(
    gateway.orm.em,
    ORIGINALS.map((original, sequence) => ({
      callId,
      sequence,
      speaker: 'customer' as const,
      text: '[redacted]',
      startMs: null,
      endMs: null,
      sealedOriginal: old.seal(tenant.organizationId, transcriptOriginalPurpose(callId), original),
    })),
  );
});
afterAll(() => gateway?.stop());

describe('kept transcript originals', () => {
  it('are sealed at rest and open only for their own organisation and call', async () => {
    const raw = await rawOriginals();
    expect(raw).toHaveLength(2);
    for (const value of raw) expect(value).toMatch(/^v1:old:/);
    expect(raw.join(' ')).not.toMatch(/4242|jane/);
    const keys = new Encryption([OLD_KEY]);
    const purpose = transcriptOriginalPurpose(callId);
    expect(keys.open(tenant.organizationId, purpose, raw[0] as string)).toBe(ORIGINALS[0]);
    expect(() => keys.open(randomUUID(), purpose, raw[0] as string)).toThrow(DecryptionError);
    expect(() => keys.open(tenant.organizationId, transcriptOriginalPurpose(randomUUID()), raw[0] as string)).toThrow(
      DecryptionError,
    );
    expect(await revealed()).toEqual(ORIGINALS);
  });

  it('are re-sealed under a new master key, still open for an admin, and a second run re-seals nothing', async () => {
    const rotation = new Encryption([NEW_KEY, OLD_KEY]);
    const rotated = await resealTranscriptOriginals(gateway.orm, rotation, 1);
    expect(rotated.resealed).toBeGreaterThanOrEqual(2);
    // Other test runs' originals, sealed under keys this test does not hold, are reported and left alone.
    expect(rotated.failed.filter((f) => f.organizationId === tenant.organizationId)).toEqual([]);
    const raw = await rawOriginals();
    for (const value of raw) expect(value).toMatch(/^v1:new:/);
    const onlyNew = new Encryption([NEW_KEY]);
    expect(raw.map((value) => onlyNew.open(tenant.organizationId, transcriptOriginalPurpose(callId), value))).toEqual(
      ORIGINALS,
    );
    expect(await revealed()).toEqual(ORIGINALS);

    const again = await resealTranscriptOriginals(gateway.orm, rotation);
    expect(again.resealed).toBe(0);
    expect(await rawOriginals()).toEqual(raw);
  });
});
