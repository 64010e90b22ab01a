import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../lib/config.ts';
import { Encryption, sealedKeyId } from '../../lib/encryption.ts';
import { subjectHash, subjectHashes } from '../../lib/person-subject.ts';
import { isE164, normalizePhoneNumber } from '../../lib/phone.ts';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('encryption at rest', () => {
  it('seals with the current key under a per-organisation data key, and opens with any configured key', () => {
    const [k1, k2] = [key('k1'), key('k2')];
    const org = randomUUID();
    const before = new Encryption([k1]);
    const sealed = before.seal(org, 'credential:twilio', 'secret-token');
    expect(sealedKeyId(sealed)).toBe('k1');
    expect(sealed).not.toContain('secret-token');
    expect(before.seal(org, 'credential:twilio', 'secret-token')).not.toBe(sealed);
    const after = new Encryption([k2, k1]);
    expect(after.isCurrent(sealed)).toBe(false);
    expect(after.open(org, 'credential:twilio', sealed)).toBe('secret-token');
    expect(new Encryption([k2]).dataKey(org)).not.toEqual(new Encryption([k2]).dataKey(randomUUID()));
    expect(() => new Encryption([k2]).open(org, 'credential:twilio', sealed)).toThrow('no master key with id k1');
  });

  it('refuses keys that are not 32 bytes or share an id', () => {
    expect(() => new Encryption([{ id: 'short', key: randomBytes(16) }])).toThrow('32 bytes');
    expect(() => new Encryption([key('same'), key('same')])).toThrow('unique');
  });
});

describe('ENCRYPTION_KEYS', () => {
  it('reads id:base64 entries, the current first', () => {
    const [a, b] = [randomBytes(32), randomBytes(32)];
    const config = loadConfig({ ENCRYPTION_KEYS: `k2:${a.toString('base64')},k1:${b.toString('base64')}` });
    expect(config.encryption.keys.map((k) => k.id)).toEqual(['k2', 'k1']);
    expect(config.encryption.keys[0]!.key.equals(a)).toBe(true);
  });

  it('names what is wrong with an entry without echoing it', () => {
    const secret = randomBytes(16).toString('base64');
    let error: unknown;
    try {
      loadConfig({ ENCRYPTION_KEYS: `k1:${secret},k1:${randomBytes(32).toString('base64')},bad id:x` });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('entry 1 (k1) must be 32 bytes');
    expect(message).toContain('entry 2 repeats the id k1');
    expect(message).toContain('entry 3 must be id:base64');
    expect(message).not.toContain(secret);
  });

  it('has a development default that production refuses', () => {
    expect(loadConfig({}).encryption.keys[0]!.id).toBe('dev');
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        AUTH_JWT_SECRET: 'x'.repeat(40),
        TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`,
        TWILIO_AUTH_TOKEN: 'a-real-token',
      }),
    ).toThrow('ENCRYPTION_KEYS: is required when NODE_ENV=production');
  });
});

describe('phone numbers', () => {
  it('normalises what people type to E.164, reading national numbers in a country', () => {
    expect(normalizePhoneNumber('+1 (415) 555-0100')).toEqual({ ok: true, e164: '+14155550100' });
    expect(normalizePhoneNumber('030 901820', 'DE')).toEqual({ ok: true, e164: '+4930901820' });
    expect(normalizePhoneNumber('(415) 555-0100')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('country code'),
    });
    expect(normalizePhoneNumber('+1 415 555')).toEqual({ ok: false, problem: 'is too short for its country' });
    expect(normalizePhoneNumber('+44 20 7183 8750 12345')).toEqual({
      ok: false,
      problem: 'is too long for its country',
    });
    expect(normalizePhoneNumber('call me')).toEqual({ ok: false, problem: 'is not a phone number' });
    expect(normalizePhoneNumber('+1 415 555 0100 ext. 12')).toEqual({
      ok: false,
      problem: 'must not have an extension',
    });
  });

  it('knows E.164 by its country calling codes and length', () => {
    expect(isE164('+14155550100')).toBe(true);
    expect(isE164('+155501000010')).toBe(true);
    expect(isE164('+1 415 555 0100')).toBe(false);
    expect(isE164('+999123456')).toBe(false);
    expect(isE164('+1234567890123456')).toBe(false);
    expect(isE164('14155550100')).toBe(false);
  });
});

describe('keyed hashes across a rotation', () => {
  it('finds what was indexed before it while the old key is configured, and differs per organisation', () => {
    const [k1, k2] = [key('k1'), key('k2')];
    const [org, other] = [randomUUID(), randomUUID()];
    const before = new Encryption([k1]);
    const during = new Encryption([k2, k1]);
    const after = new Encryption([k2]);
    const email = 'jane@example.com';
    // A blind index written before the rotation is among the digests a lookup computes during it.
    expect(during.blindIndexes(org, email)).toContain(before.blindIndex(org, email));
    expect(after.blindIndexes(org, email)).not.toContain(before.blindIndex(org, email));
    expect(before.blindIndex(org, email)).not.toBe(before.blindIndex(other, email));
    // The index key is not the data key: a digest is no HMAC under the key that seals.
    expect(before.blindIndex(org, email)).not.toBe(subjectHash(before, org, { kind: 'email', value: email }));
    // A subject request made during the rotation shares a hash with one made before it.
    const subject = { kind: 'email' as const, value: email };
    const earlier = subjectHashes(before, org, subject);
    const later = subjectHashes(during, org, subject);
    expect(later.filter((hash) => earlier.includes(hash))).toEqual([subjectHash(before, org, subject)]);
    expect(later[0]).toBe(subjectHash(during, org, subject));
  });
});
