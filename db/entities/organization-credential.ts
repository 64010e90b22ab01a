import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { timestamps, uuidPrimaryKey } from './common.ts';
import { Organization } from './organization.ts';

export const INTEGRATIONS = ['twilio', 'openai', 'smtp'] as const;
export type Integration = (typeof INTEGRATIONS)[number];

/** The last connection test of an integration: what it found, and when. */
export interface StoredConnectionTest {
  ok: boolean;
  at: string;
  summary: string;
}

/**
 * An organisation's own account with an outside service, used instead of the platform's default.
 * `settings` holds what is not secret (the Twilio account SID, SMTP host and user); the secret (auth
 * token, API key, SMTP password) is sealed with the organisation's data key (lib/encryption.ts), and
 * only its last four characters are kept in the clear. `version` grows with every change, so each
 * process knows when a client it built for the organisation is stale.
 */
export const OrganizationCredential = defineEntity({
  name: 'OrganizationCredential',
  properties: {
    id: uuidPrimaryKey(),
    organization: () => p.manyToOne(Organization).deleteRule('cascade'),
    integration: p.enum(INTEGRATIONS),
    settings: p
      .json<Record<string, unknown>>()
      .default('{}')
      .onCreate(() => ({})),
    sealedSecret: p.text().nullable().hidden(),
    secretLastFour: p.string().length(4).nullable(),
    version: p.integer().default(1),
    updatedById: p.uuid().nullable(),
    lastTest: p.json<StoredConnectionTest>().nullable(),
    ...timestamps(),
  },
  uniques: [{ properties: ['organization', 'integration'] }],
});
export type OrganizationCredential = InferEntity<typeof OrganizationCredential>;
