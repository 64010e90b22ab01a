/**
 * Encryption of everything Temporal stores: a payload codec that seals each workflow and activity
 * payload (inputs, results, signals, queries, memos) with AES-256-GCM under the data key of the
 * organisation that owns the workflow (lib/encryption.ts: HKDF from a master key in ENCRYPTION_KEYS).
 * The sealed payload names its master key and organisation in its metadata, so any process with the
 * keys — or the codec endpoint the Temporal Web UI calls — opens it without asking anyone; payloads
 * written before the codec (no such metadata) pass through as they were, so running workflows replay.
 *
 * Which organisation owns a payload comes from its workflow id (the serialization context): first
 * what this process already learnt (every payload it opened named its owner), then the caller's
 * lookup (the database knows whose call, escalation or sync it is), then an `organizationId` in the
 * payload itself (a child workflow's input, encoded before any row names it); failing all three, the
 * platform's own data key.
 */
import type { Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import proto from '@temporalio/proto';
import type { Encryption } from './encryption.ts';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';
const OWNER = 'encryption-organization';
/** Payloads no organisation can be told for are sealed under this "organisation" of the platform's own. */
export const PLATFORM_OWNER = 'platform';
/** Workflow owners remembered per process; older ones are forgotten first. */
const MAX_REMEMBERED_OWNERS = 20_000;

const PayloadMessage = proto.temporal.api.common.v1.Payload;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** What a sealed payload is bound to: a payload of this organisation, opened nowhere else. */
const purposeOf = (owner: string) => `temporal-payload:${owner}`;

export type OwnerLookup = (workflowId: string) => Promise<string | undefined>;

export class OrganizationPayloadCodec implements PayloadCodec {
  readonly #encryption: Encryption;
  readonly #lookup: OwnerLookup;
  readonly #owners = new Map<string, string>();

  constructor(encryption: Encryption, lookup: OwnerLookup) {
    this.#encryption = encryption;
    this.#lookup = lookup;
  }

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    if (payloads.length === 0) return payloads;
    return this.seal(payloads, await this.#ownerOf(context, payloads));
  }

  /** Seals payloads for an organisation under the current master key. */
  seal(payloads: Payload[], owner: string): Payload[] {
    const keyId = this.#encryption.currentKeyId;
    return payloads.map((payload) => ({
      metadata: {
        encoding: encoder.encode(ENCRYPTED_ENCODING),
        [KEY_ID]: encoder.encode(keyId),
        [OWNER]: encoder.encode(owner),
      },
      data: this.#encryption.sealBytes(owner, purposeOf(owner), PayloadMessage.encode(payload).finish()),
    }));
  }

  async decode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    return payloads.map((payload) => {
      const sealed = sealedOwner(payload);
      if (!sealed) return payload;
      if (context?.workflowId) this.#remember(context.workflowId, sealed.owner);
      return this.open(payload, sealed);
    });
  }

  /** Opens one sealed payload (DecryptionError when it does not open). */
  open(payload: Payload, sealed = sealedOwner(payload)): Payload {
    if (!sealed) return payload;
    const bytes = this.#encryption.openBytes(sealed.owner, purposeOf(sealed.owner), sealed.keyId, payload.data!);
    return PayloadMessage.decode(bytes) as Payload;
  }

  async #ownerOf(context: SerializationContext | undefined, payloads: Payload[]): Promise<string> {
    const workflowId = context?.workflowId;
    if (workflowId) {
      const known = this.#owners.get(workflowId) ?? (await this.#lookup(workflowId));
      if (known) {
        this.#remember(workflowId, known);
        return known;
      }
    }
    const named = payloads.map(organizationNamedIn).find((id) => id !== undefined);
    if (named && workflowId) this.#remember(workflowId, named);
    return named ?? PLATFORM_OWNER;
  }

  #remember(workflowId: string, owner: string): void {
    if (this.#owners.get(workflowId) === owner) return;
    this.#owners.delete(workflowId);
    this.#owners.set(workflowId, owner);
    if (this.#owners.size > MAX_REMEMBERED_OWNERS) this.#owners.delete(this.#owners.keys().next().value as string);
  }
}

/** The organisation and master key a sealed payload names; undefined for a payload the codec did not seal. */
export function sealedOwner(payload: Payload): { owner: string; keyId: string } | undefined {
  const metadata = payload.metadata ?? {};
  if (!metadata.encoding || decoder.decode(metadata.encoding) !== ENCRYPTED_ENCODING) return undefined;
  const owner = metadata[OWNER] && decoder.decode(metadata[OWNER]);
  const keyId = metadata[KEY_ID] && decoder.decode(metadata[KEY_ID]);
  return owner && keyId ? { owner, keyId } : undefined;
}

/** The `organizationId` a JSON payload carries at its top level (our workflow inputs all do). */
function organizationNamedIn(payload: Payload): string | undefined {
  const encoding = payload.metadata?.encoding && decoder.decode(payload.metadata.encoding);
  if (encoding !== 'json/plain' || !payload.data || payload.data.length > 1_000_000) return undefined;
  try {
    const value = JSON.parse(decoder.decode(payload.data)) as { organizationId?: unknown } | null;
    return typeof value?.organizationId === 'string' && value.organizationId ? value.organizationId : undefined;
  } catch {
    return undefined;
  }
}
