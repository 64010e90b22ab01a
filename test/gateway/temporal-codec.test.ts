import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { AuditLog } from '../../db/entities/index.ts';
import { Encryption } from '../../lib/encryption.ts';
import { OrganizationPayloadCodec } from '../../lib/payload-codec.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { createTenant, login, type Tenant } from '../support/tenants.ts';

/**
 * The codec endpoint the Temporal Web UI and CLI decode through: only an operator with
 * workflows:decode, only their own organisation's payloads, only from the Web UI's origin.
 */
const UI_ORIGIN = 'http://temporal-ui.test:8233';
const env = testEnv({ TEMPORAL_UI_ORIGINS: UI_ORIGIN });
const config = testConfig(env);
const codec = new OrganizationPayloadCodec(new Encryption(config.encryption.keys), async () => undefined);

let gateway: TestGateway;
let mine: Tenant;
let theirs: Tenant;
let admin: string;

const wire = (payload: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
});
const decodedValue = (payload: { metadata: Record<string, string>; data: string }) =>
  defaultPayloadConverter.fromPayload({
    metadata: Object.fromEntries(
      Object.entries(payload.metadata).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))]),
    ),
    data: new Uint8Array(Buffer.from(payload.data, 'base64')),
  });
const sealedFor = (organizationId: string, value: unknown) =>
  codec.seal([defaultPayloadConverter.toPayload(value)], organizationId)[0]!;

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${gateway.url}/temporal-codec${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  gateway = await startGateway(config);
  mine = await createTenant(gateway.orm, 'Codec mine');
  theirs = await createTenant(gateway.orm, 'Codec theirs');
  admin = (await login(gateway.url, mine.emails.admin)).accessToken;
});
afterAll(() => gateway?.stop());

describe('the Temporal codec endpoint', () => {
  it('opens only the operator’s own organisation’s payloads, and passes older plain ones through', async () => {
    const own = sealedFor(mine.organizationId, { text: 'my card is 4242 4242 4242 4242' });
    const foreign = sealedFor(theirs.organizationId, { text: 'their secret' });
    const plain = defaultPayloadConverter.toPayload({ text: 'written before the codec' });
    const decoded = await post(
      '/decode',
      { payloads: [own, foreign, plain].map(wire) },
      { authorization: `Bearer ${admin}` },
    );
    expect(decoded.status).toBe(200);
    const [ownOut, foreignOut, plainOut] = decoded.body.payloads;
    expect(decodedValue(ownOut)).toEqual({ text: 'my card is 4242 4242 4242 4242' });
    expect(foreignOut).toEqual(wire(foreign));
    expect(Buffer.from(foreignOut.data, 'base64').toString()).not.toContain('their secret');
    expect(decodedValue(plainOut)).toEqual({ text: 'written before the codec' });
  });

  it('encodes for the operator’s organisation, so what it encodes it decodes', async () => {
    const encoded = await post(
      '/encode',
      { payloads: [wire(defaultPayloadConverter.toPayload({ reset: true }))] },
      { authorization: `Bearer ${admin}` },
    );
    expect(Buffer.from(encoded.body.payloads[0].metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
    const decoded = await post('/decode', encoded.body, { authorization: `Bearer ${admin}` });
    expect(decodedValue(decoded.body.payloads[0])).toEqual({ reset: true });
  });

  it('refuses callers without credentials or without workflows:decode, and bad bodies', async () => {
    const payloads = [wire(sealedFor(mine.organizationId, 'x'))];
    expect((await post('/decode', { payloads })).status).toBe(401);
    expect((await post('/decode', { payloads }, { authorization: 'Bearer not-a-token' })).status).toBe(401);
    const supervisor = (await login(gateway.url, mine.emails.supervisor)).accessToken;
    expect((await post('/decode', { payloads }, { authorization: `Bearer ${supervisor}` })).status).toBe(403);
    expect((await post('/session', {}, { authorization: `Bearer ${supervisor}` })).status).toBe(403);
    expect((await post('/decode', { payloads: 'x' }, { authorization: `Bearer ${admin}` })).status).toBe(400);
    // The CLI sends an empty list as `{}` (protobuf JSON leaves it out).
    expect((await post('/decode', {}, { authorization: `Bearer ${admin}` })).body).toEqual({ payloads: [] });
  });

  it('gives a signed-in operator an HttpOnly cookie the Web UI decodes with, audited', async () => {
    const session = await post('/session', {}, { authorization: `Bearer ${admin}`, origin: UI_ORIGIN });
    expect(session.status).toBe(200);
    expect(session.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(session.headers.get('access-control-allow-credentials')).toBe('true');
    const cookie = session.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    const decoded = await post(
      '/decode',
      { payloads: [wire(sealedFor(mine.organizationId, 'through the cookie'))] },
      { cookie: cookie.split(';')[0]!, origin: UI_ORIGIN },
    );
    expect(decoded.status).toBe(200);
    expect(decodedValue(decoded.body.payloads[0])).toBe('through the cookie');
    const audited = await gateway.orm.em
      .fork()
      .find(AuditLog, { organizationId: mine.organizationId, operation: 'temporalCodecSession' });
    expect(audited).toHaveLength(1);
  });

  it('answers browsers only from the Web UI’s origin', async () => {
    const preflight = await fetch(`${gateway.url}/temporal-codec/decode`, {
      method: 'OPTIONS',
      headers: { origin: UI_ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    const elsewhere = await post(
      '/decode',
      { payloads: [wire(sealedFor(mine.organizationId, 'x'))] },
      { authorization: `Bearer ${admin}`, origin: 'https://evil.example' },
    );
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
  });
});
