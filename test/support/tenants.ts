import { randomInt, randomUUID } from 'node:crypto';
import { BusinessConfig, Organization, User } from '../../db/entities/index.ts';
import type { Orm } from '../../db/orm.ts';
import { ROLES, type Role } from '../../lib/permissions.ts';
import { hashPassword } from '../../lib/secrets.ts';
import { graphql } from './graphql.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface Tenant {
  organizationId: string;
  businessId: string;
  businessName: string;
  /** The business's number, its own: a number belongs to one business across organisations. */
  businessNumber: string;
  /** One user of each role, all with TEST_PASSWORD. */
  emails: Record<Role, string>;
}

/**
 * A number no other business has, in the fictional +1 555 range but never a persona's own
 * (+1555010000N, +1555020XXXX): a number belongs to one business, and the test database is shared.
 */
export const uniqueNumber = (): string => `+1555${randomInt(3_000_000, 9_999_999)}`;

/** An organisation of the test's own with a business and a user of every role. */
export async function createTenant(orm: Orm, label: string): Promise<Tenant> {
  const em = orm.em.fork();
  const suffix = randomUUID().slice(0, 8);
  const organization = em.create(Organization, { name: `${label} ${suffix}` });
  const businessNumber = uniqueNumber();
  const business = em.create(BusinessConfig, {
    organization,
    name: `${label} business ${suffix}`,
    phoneNumbers: [businessNumber],
    systemPrompt: 'You are a test assistant.',
  });
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const emails = {} as Record<Role, string>;
  for (const role of ROLES) {
    emails[role] = `${role}-${suffix}@${label.toLowerCase().replace(/\W+/g, '-')}.test`;
    em.create(User, { organization, email: emails[role], displayName: `${label} ${role}`, role, passwordHash });
  }
  await em.flush();
  return {
    organizationId: organization.id,
    businessId: business.id,
    businessName: business.name,
    businessNumber,
    emails,
  };
}

/** Another business of the tenant's organisation, with a number of its own (and any other settings). */
export async function createBusiness(
  orm: Orm,
  tenant: Tenant,
  settings: Partial<Pick<BusinessConfig, 'answeringMachineDetection' | 'voicemailMessage' | 'handoffNumber'>> = {},
): Promise<string> {
  const em = orm.em.fork();
  const business = em.create(BusinessConfig, {
    organization: tenant.organizationId,
    name: `${tenant.businessName} ${randomUUID().slice(0, 6)}`,
    phoneNumbers: [uniqueNumber()],
    systemPrompt: 'You are a test assistant.',
    ...settings,
  });
  await em.flush();
  return business.id;
}

const LOGIN = `mutation ($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    __typename
    ... on MutationLoginSuccess { data { accessToken refreshToken } }
    ... on Error { code message }
  }
}`;

/** Signs in over real HTTP and returns the session's tokens. */
export async function login(baseUrl: string, email: string, password = TEST_PASSWORD) {
  const response = await graphql(baseUrl, LOGIN, { email, password });
  const result = response.data?.login;
  if (result?.__typename !== 'MutationLoginSuccess') throw new Error(`login failed: ${JSON.stringify(response)}`);
  return result.data as { accessToken: string; refreshToken: string };
}
