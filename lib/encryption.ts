/**
 * Encryption at rest with a key hierarchy: master keys come from the environment (ENCRYPTION_KEYS,
 * each with an id; the first encrypts, all decrypt), and each organisation's data key is derived from
 * a master key with HKDF-SHA256 over the organisation id, so one organisation's ciphertext never opens
 * under another's key and nothing per organisation needs storing. Values are sealed with AES-256-GCM
 * (authenticated: a changed byte fails to open), bound by associated data to what they are (the
 * `purpose`, e.g. `credential:twilio`), so a sealed value copied into another column does not open
 * there either. A sealed value names its master key, which is how rotation finds what to re-seal.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export interface MasterKey {
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

/** A sealed value that cannot be opened: unknown key id, wrong organisation or purpose, or altered bytes. */
export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecryptionError';
  }
}

const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** HKDF's salt: a fixed label, so a derived key is tied to this use of the master key. */
const DATA_KEY_SALT = Buffer.from('callplatform organisation data key v1');
/** The blind index's keys are derived apart from the data keys: a digest says nothing about a data key. */
const INDEX_KEY_SALT = Buffer.from('callplatform organisation blind index v1');

export const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export class Encryption {
  readonly #keys: Map<string, Buffer>;
  readonly #currentId: string;
  readonly #dataKeys = new Map<string, Buffer>();
  readonly #indexKeys = new Map<string, Buffer>();

  /** `keys[0]` seals; every key opens what it sealed. */
  constructor(keys: readonly MasterKey[]) {
    const [current] = keys;
    if (!current) throw new Error('encryption needs at least one master key');
    for (const { id, key } of keys) {
      if (!KEY_ID.test(id))
        throw new Error(`master key id ${JSON.stringify(id)} may hold only letters, digits, _ and -`);
      if (key.length !== 32) throw new Error(`master key ${id} must be 32 bytes`);
    }
    this.#keys = new Map(keys.map(({ id, key }) => [id, key]));
    if (this.#keys.size !== keys.length) throw new Error('master key ids must be unique');
    this.#currentId = current.id;
  }

  /** Every configured master key's id, the current one first. */
  get keyIds(): string[] {
    return [...this.#keys.keys()];
  }

  /** The id of the master key new values are sealed under. */
  get currentKeyId(): string {
    return this.#currentId;
  }

  /**
   * The organisation's data key under a master key: HKDF-SHA256 with the organisation id as info.
   * Other encrypted stores (Temporal payloads, columns) derive theirs the same way.
   */
  dataKey(organizationId: string, keyId = this.#currentId): Buffer {
    return this.#derived(this.#dataKeys, DATA_KEY_SALT, organizationId, keyId);
  }

  /**
   * A blind index of an identifier (a normalised email or E.164 number) for the organisation:
   * HMAC-SHA256 under a key derived like the data key (with a salt of its own), hex. Stored beside a
   * sealed value, it lets Postgres find the rows that name someone without holding their identifier
   * in plaintext; the same identifier gives another digest in another organisation. `keyId` is the
   * master key (the current one when left out).
   */
  blindIndex(organizationId: string, identifier: string, keyId = this.#currentId): string {
    const key = this.#derived(this.#indexKeys, INDEX_KEY_SALT, organizationId, keyId);
    return createHmac('sha256', key).update(identifier).digest('hex');
  }

  /** HKDF-SHA256 of a master key with the organisation id as info, remembered in `cache`. */
  #derived(cache: Map<string, Buffer>, salt: Buffer, organizationId: string, keyId: string): Buffer {
    const cacheKey = `${keyId}/${organizationId}`;
    let key = cache.get(cacheKey);
    if (!key) {
      const master = this.#keys.get(keyId);
      if (!master) throw new DecryptionError(`no master key with id ${keyId} is configured`);
      key = Buffer.from(hkdfSync('sha256', master, salt, `organization:${organizationId}`, 32));
      cache.set(cacheKey, key);
    }
    return key;
  }

  /**
   * The identifier's digests under every configured master key: what a lookup matches, so a row
   * indexed before a rotation (and not yet re-indexed by `secrets:rotate`) is still found.
   */
  blindIndexes(organizationId: string, identifier: string): string[] {
    return this.keyIds.map((keyId) => this.blindIndex(organizationId, identifier, keyId));
  }

  /** Seals `plaintext` for the organisation: `v1:<key id>:<base64url of iv, ciphertext and tag>`. */
  seal(organizationId: string, purpose: string, plaintext: string): string {
    const sealed = this.sealBytes(organizationId, purpose, Buffer.from(plaintext, 'utf8'));
    return `${FORMAT}:${this.#currentId}:${sealed.toString('base64url')}`;
  }

  /** Opens what `seal` made for the same organisation and purpose; DecryptionError otherwise. */
  open(organizationId: string, purpose: string, sealed: string): string {
    const { keyId, bytes } = parseSealed(sealed);
    return this.openBytes(organizationId, purpose, keyId, bytes).toString('utf8');
  }

  /** Seals bytes under the current master key (its id is `currentKeyId`): iv, ciphertext and tag. */
  sealBytes(organizationId: string, purpose: string, plaintext: Uint8Array): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.dataKey(organizationId), iv);
    cipher.setAAD(Buffer.from(purpose));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]);
  }

  /** Opens what `sealBytes` made under master key `keyId`; DecryptionError otherwise. */
  openBytes(organizationId: string, purpose: string, keyId: string, bytes: Uint8Array): Buffer {
    if (bytes.length < IV_BYTES + TAG_BYTES) throw new DecryptionError('sealed value is truncated');
    const decipher = createDecipheriv('aes-256-gcm', this.dataKey(organizationId, keyId), bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new DecryptionError('sealed value does not open: altered, or sealed for another organisation or purpose');
    }
  }

  /** True when the value is sealed under the current master key (nothing to rotate). */
  isCurrent(sealed: string): boolean {
    return parseSealed(sealed).keyId === this.#currentId;
  }
}

/** The master key id a sealed value names. */
export function sealedKeyId(sealed: string): string {
  return parseSealed(sealed).keyId;
}

function parseSealed(sealed: string): { keyId: string; bytes: Buffer } {
  const [format, keyId, body, ...rest] = sealed.split(':');
  if (format !== FORMAT || !keyId || !body || rest.length) throw new DecryptionError('not a sealed value');
  return { keyId, bytes: Buffer.from(body, 'base64url') };
}

/** The last four characters of a secret, the only part ever shown again. */
export const lastFour = (secret: string): string => secret.slice(-4);
