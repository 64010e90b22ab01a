/**
 * Organisations' own credentials (Twilio, OpenAI, SMTP): stored sealed (lib/encryption.ts), opened
 * only to build a client, and the client each process uses for an organisation. Without its own
 * credentials an organisation uses the platform's (the environment; the simulators in development).
 */
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type OpenAI from 'openai';
import type { ClientOptions } from 'openai';
import type { Config } from '../lib/config.ts';
import { type Encryption, lastFour } from '../lib/encryption.ts';
import { createMailer, createSmtpMailer, type Mailer, type SmtpSettings } from '../lib/mailer.ts';
import { openAiClientFor } from '../lib/openai.ts';
import { createTwilioClient, type TwilioClient } from '../lib/twilio.ts';
import { Call, type Integration, OrganizationCredential } from './entities/index.ts';
import type { Orm } from './orm.ts';

/** What a credential is sealed for: a sealed Twilio token does not open as an OpenAI key. */
export const credentialPurpose = (integration: Integration) => `credential:${integration}`;

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
}
export interface OpenAiCredentials {
  apiKey: string;
}
export type SmtpCredentials = SmtpSettings;

/** The non-secret part of each integration's credentials, as stored in `settings`. */
interface PublicSettings {
  twilio: { accountSid: string };
  smtp: Omit<SmtpSettings, 'password'>;
}

/** Splits credentials into what is stored in the clear and the one secret that is sealed. */
function split(integration: Integration, credentials: TwilioCredentials | OpenAiCredentials | SmtpCredentials) {
  switch (integration) {
    case 'twilio': {
      const { accountSid, authToken } = credentials as TwilioCredentials;
      return { settings: { accountSid }, secret: authToken };
    }
    case 'openai':
      return { settings: {}, secret: (credentials as OpenAiCredentials).apiKey };
    case 'smtp': {
      const { password, ...settings } = credentials as SmtpCredentials;
      return { settings, secret: password };
    }
  }
}

/**
 * Stores an organisation's credentials for one integration, sealed; replaces what was there and moves
 * the version on, so every process builds its client afresh. Answers the stored row.
 */
export async function saveCredentials(
  em: EntityManager,
  encryption: Encryption,
  input: {
    organizationId: string;
    integration: Integration;
    credentials: TwilioCredentials | OpenAiCredentials | SmtpCredentials;
    updatedById: string | null;
  },
): Promise<OrganizationCredential> {
  const { settings, secret } = split(input.integration, input.credentials);
  const sealedSecret = secret
    ? encryption.seal(input.organizationId, credentialPurpose(input.integration), secret)
    : null;
  const existing = await em.findOne(OrganizationCredential, {
    organization: input.organizationId,
    integration: input.integration,
  });
  const values = {
    settings,
    sealedSecret,
    secretLastFour: secret ? lastFour(secret) : null,
    updatedById: input.updatedById,
    lastTest: null,
  };
  if (existing) {
    Object.assign(existing, values, { version: existing.version + 1 });
    await em.flush();
    return existing;
  }
  const created = em.create(OrganizationCredential, {
    organization: input.organizationId,
    integration: input.integration,
    ...values,
  });
  await em.flush();
  return created;
}

export interface CredentialsOf {
  twilio: TwilioCredentials;
  openai: OpenAiCredentials;
  smtp: SmtpCredentials;
}

/** A stored credential row, opened: its settings and its secret together. */
export function openCredentials<I extends Integration>(
  encryption: Encryption,
  row: OrganizationCredential,
): CredentialsOf[I] {
  return openRow(encryption, row) as CredentialsOf[I];
}

function openRow(encryption: Encryption, row: OrganizationCredential) {
  const secret = row.sealedSecret
    ? encryption.open(row.organization.id, credentialPurpose(row.integration), row.sealedSecret)
    : null;
  switch (row.integration) {
    case 'twilio':
      return { ...(row.settings as PublicSettings['twilio']), authToken: secret ?? '' };
    case 'openai':
      return { apiKey: secret ?? '' };
    case 'smtp':
      return { ...(row.settings as PublicSettings['smtp']), password: secret };
  }
}

/** A Twilio account to use: its client and the auth token its webhooks are signed with. */
export interface TwilioAccount {
  client: TwilioClient;
  accountSid: string;
  authToken: string;
  /** The organisation's own account, or the platform's. */
  own: boolean;
}

export interface OpenAiAccount {
  client: OpenAI;
  own: boolean;
}

export interface MailAccount {
  mailer: Mailer;
  own: boolean;
}

interface Cached<T> {
  /** The row's id and version the value was built from: a change, a removal or a new row differ. */
  stamp: string;
  value: T;
}

/**
 * The clients one process uses for each organisation. Each lookup reads the credential row's id and
 * version (a primary-key-sized query) and rebuilds the client only when they changed, so a change made
 * in the console reaches the next call in every process without a restart, a cache TTL or a message
 * to miss; organisations without credentials share the platform's clients.
 */
export class OrganizationClients {
  readonly #orm: Orm;
  readonly #encryption: Encryption;
  readonly #config: Config;
  readonly #openAiOptions: Pick<ClientOptions, 'timeout' | 'maxRetries'>;
  readonly #cache = new Map<string, Cached<unknown>>();
  #platform: { twilio?: TwilioAccount; openai?: OpenAiAccount; mail?: MailAccount } = {};

  constructor(deps: {
    orm: Orm;
    encryption: Encryption;
    config: Config;
    /** How this process's OpenAI clients time out and retry (chat work gives up sooner than a live call). */
    openAiOptions?: Pick<ClientOptions, 'timeout' | 'maxRetries'>;
  }) {
    this.#orm = deps.orm;
    this.#encryption = deps.encryption;
    this.#config = deps.config;
    this.#openAiOptions = deps.openAiOptions ?? {};
  }

  /** The Twilio account calls and webhooks of the organisation go through. */
  twilio(organizationId: string): Promise<TwilioAccount> {
    return this.#resolve(
      organizationId,
      'twilio',
      (credentials) => this.twilioAccountFor(credentials, true),
      () => this.platformTwilio(),
    );
  }

  /** The Twilio account a call goes through: its organisation's, or the platform's for a call unknown here. */
  async twilioForCall(callId: string): Promise<TwilioAccount> {
    const call = await this.#orm.em.fork().findOne(Call, callId, { fields: ['organization'] });
    return call ? this.twilio(call.organization.id) : this.platformTwilio();
  }

  /** The platform's Twilio account (TWILIO_ACCOUNT_SID; the simulator's in development). */
  platformTwilio(): TwilioAccount {
    this.#platform.twilio ??= this.twilioAccountFor(this.#config.twilio, false);
    return this.#platform.twilio;
  }

  /** A Twilio account from credentials, on the platform's Twilio API (the simulator in development). */
  twilioAccountFor(credentials: TwilioCredentials, own: boolean): TwilioAccount {
    return {
      client: createTwilioClient({ ...credentials, apiBaseUrl: this.#config.twilio.apiBaseUrl }),
      accountSid: credentials.accountSid,
      authToken: credentials.authToken,
      own,
    };
  }

  /** The OpenAI client for the organisation's voice agent and chat work. */
  openai(organizationId: string): Promise<OpenAiAccount> {
    return this.#resolve(
      organizationId,
      'openai',
      (credentials) => this.openAiAccountFor(credentials, true),
      () => this.platformOpenAi(),
    );
  }

  /** The platform's OpenAI client (OPENAI_API_KEY; the Realtime simulator in development). */
  platformOpenAi(): OpenAiAccount {
    this.#platform.openai ??= { client: openAiClientFor(this.#config.openai, this.#openAiOptions), own: false };
    return this.#platform.openai;
  }

  /** An OpenAI client for a key, on the platform's OpenAI endpoint (the simulator in development). */
  openAiAccountFor(credentials: OpenAiCredentials, own: boolean): OpenAiAccount {
    return {
      client: openAiClientFor({ ...this.#config.openai, apiKey: credentials.apiKey }, this.#openAiOptions),
      own,
    };
  }

  /** Where the organisation's notification mail goes out. */
  mail(organizationId: string): Promise<MailAccount> {
    return this.#resolve(
      organizationId,
      'smtp',
      (settings) => ({ mailer: createSmtpMailer(settings), own: true }),
      () => this.platformMail(),
      (stale) => stale.mailer.close(),
    );
  }

  /** The platform's SMTP server (SMTP_URL). */
  platformMail(): MailAccount {
    this.#platform.mail ??= { mailer: createMailer(this.#config.mail), own: false };
    return this.#platform.mail;
  }

  close(): void {
    for (const { value } of this.#cache.values()) (value as Partial<MailAccount>).mailer?.close();
    this.#platform.mail?.mailer.close();
    this.#cache.clear();
  }

  async #resolve<I extends Integration, T>(
    organizationId: string,
    integration: I,
    build: (credentials: CredentialsOf[I]) => T,
    platform: () => T,
    dispose?: (stale: T) => void,
  ): Promise<T> {
    const key = `${organizationId}/${integration}`;
    const row = await this.#orm.em
      .fork()
      .findOne(OrganizationCredential, { organization: organizationId, integration }, { fields: ['id', 'version'] });
    const cached = this.#cache.get(key) as Cached<T> | undefined;
    if (!row) {
      if (cached) {
        this.#cache.delete(key);
        dispose?.(cached.value);
      }
      return platform();
    }
    if (cached?.stamp === `${row.id}:${row.version}`) return cached.value;
    const full = await this.#orm.em.fork().findOneOrFail(OrganizationCredential, row.id);
    const value = build(openCredentials<I>(this.#encryption, full));
    this.#cache.set(key, { stamp: `${full.id}:${full.version}`, value });
    if (cached) dispose?.(cached.value);
    return value;
  }
}

/**
 * Re-seals every secret not under the current master key. Each row is re-sealed in its own
 * transaction (its version moves on, so every process rebuilds its client); a row that cannot be
 * opened with the configured keys is reported and left as it is.
 */
export async function rotateSecrets(
  orm: Orm,
  encryption: Encryption,
): Promise<{ resealed: number; current: number; failed: { id: string; organizationId: string; reason: string }[] }> {
  let resealed = 0;
  let current = 0;
  const failed: { id: string; organizationId: string; reason: string }[] = [];
  const rows = await orm.em.fork().find(OrganizationCredential, { sealedSecret: { $ne: null } }, { fields: ['id'] });
  for (const { id } of rows) {
    await orm.em.fork().transactional(async (em) => {
      const row = await em.findOneOrFail(OrganizationCredential, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const sealed = row.sealedSecret;
      if (!sealed) return;
      if (encryption.isCurrent(sealed)) {
        current += 1;
        return;
      }
      const purpose = credentialPurpose(row.integration);
      try {
        row.sealedSecret = encryption.seal(
          row.organization.id,
          purpose,
          encryption.open(row.organization.id, purpose, sealed),
        );
      } catch (error) {
        failed.push({ id, organizationId: row.organization.id, reason: (error as Error).message });
        return;
      }
      row.version += 1;
      resealed += 1;
    });
  }
  return { resealed, current, failed };
}
