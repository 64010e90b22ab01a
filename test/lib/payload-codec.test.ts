import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { DecryptionError, Encryption } from '../../lib/encryption.ts';
import { OrganizationPayloadCodec, PLATFORM_OWNER, sealedOwner } from '../../lib/payload-codec.ts';

const key = (id: string) => ({ id, key: randomBytes(32) });
const oldKey = key('old');
const newKey = key('new');
const orgA = randomUUID();
const orgB = randomUUID();
const context = (workflowId: string) => ({ type: 'workflow' as const, namespace: 'default', workflowId });
const json = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);
const value = (payload: Payload) => defaultPayloadConverter.fromPayload(payload);
const text = (payload: Payload) => Buffer.from(payload.data ?? []).toString('latin1');

describe('the Temporal payload codec', () => {
  const owners: Record<string, string> = { 'call-a': orgA, 'call-b': orgB };
  const codec = new OrganizationPayloadCodec(new Encryption([oldKey]), async (id) => owners[id]);

  it('seals each payload for the organisation that owns the workflow, with nothing of it left readable', async () => {
    const line = { speaker: 'customer', text: 'My name is Jane Doe and I live on Elm Street' };
    const [sealed] = await codec.encode([json(line)], context('call-a'));
    expect(sealedOwner(sealed!)).toEqual({ owner: orgA, keyId: 'old' });
    expect(text(sealed!)).not.toContain('Jane');
    expect(value((await codec.decode([sealed!], context('call-a')))[0]!)).toEqual(line);
  });

  it('refuses a payload whose organisation was changed, and one with a byte altered', async () => {
    const [sealed] = await codec.encode([json({ secret: 1 })], context('call-a'));
    const moved: Payload = {
      ...sealed!,
      metadata: { ...sealed!.metadata, 'encryption-organization': new TextEncoder().encode(orgB) },
    };
    await expect(codec.decode([moved])).rejects.toThrow(DecryptionError);
    const altered = Uint8Array.from(sealed!.data!);
    altered[20] = (altered[20] as number) ^ 1;
    await expect(codec.decode([{ ...sealed!, data: altered }])).rejects.toThrow(DecryptionError);
  });

  it('passes payloads written before the codec through as they were, so running workflows replay', async () => {
    const plain = json({ status: 'ringing' });
    expect(await codec.decode([plain])).toEqual([plain]);
  });

  it('tells the owner of a child workflow from the organisation its input names, and falls back to the platform key', async () => {
    const [child] = await codec.encode([json({ escalationId: 'e1', organizationId: orgB })], context('escalation-new'));
    expect(sealedOwner(child!)?.owner).toBe(orgB);
    // Its later payloads (a signal with no organisation in it) are sealed for the same organisation.
    const [signal] = await codec.encode([json({ type: 'offer' })], context('escalation-new'));
    expect(sealedOwner(signal!)?.owner).toBe(orgB);
    const [unowned] = await codec.encode([json('hello')], context('something-else'));
    expect(sealedOwner(unowned!)?.owner).toBe(PLATFORM_OWNER);
    expect(value((await codec.decode([unowned!]))[0]!)).toBe('hello');
  });

  it('opens payloads sealed under an earlier master key after rotation, and seals new ones under the current key', async () => {
    const [before] = await codec.encode([json({ n: 1 })], context('call-b'));
    const rotated = new OrganizationPayloadCodec(new Encryption([newKey, oldKey]), async (id) => owners[id]);
    expect(value((await rotated.decode([before!]))[0]!)).toEqual({ n: 1 });
    const [after] = await rotated.encode([json({ n: 2 })], context('call-b'));
    expect(sealedOwner(after!)).toEqual({ owner: orgB, keyId: 'new' });
    await expect(codec.decode([after!])).rejects.toThrow(DecryptionError);
  });
});
