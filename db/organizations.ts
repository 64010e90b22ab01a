/** A new organisation and its first admin: from the sign-up page (when enabled) or `npm run org:create`. */
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ValidationError } from '../lib/errors.ts';
import { assertPasswordPolicy, normalizeEmail } from '../lib/password-policy.ts';
import { hashPassword } from '../lib/secrets.ts';
import { Organization, type SetupState, User } from './entities/index.ts';

/** Where a new organisation's setup wizard starts: nothing done yet. */
export const NEW_SETUP: SetupState = { steps: {}, businessId: null, testCallId: null, completedAt: null };

export interface NewOrganization {
  name: string;
  adminEmail: string;
  adminName: string;
  adminPassword: string;
}

/**
 * Creates the organisation and its admin in one transaction, with the setup wizard ahead of them.
 * A taken organisation name or email is a ValidationError on that field.
 */
export async function createOrganization(
  em: EntityManager,
  input: NewOrganization,
): Promise<{ organization: Organization; admin: User }> {
  const name = input.name.trim();
  const email = normalizeEmail(input.adminEmail);
  const problems = [];
  if (!name || name.length > 120) problems.push({ field: 'organizationName', message: 'must be 1 to 120 characters' });
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) problems.push({ field: 'email', message: 'must be an email address' });
  if (!input.adminName.trim()) problems.push({ field: 'displayName', message: 'is required' });
  if (problems.length) throw new ValidationError(problems);
  assertPasswordPolicy(input.adminPassword);
  const taken = [
    ...((await em.findOne(Organization, { name })) ? [{ field: 'organizationName', message: 'is taken' }] : []),
    ...((await em.findOne(User, { email })) ? [{ field: 'email', message: 'already has an account' }] : []),
  ];
  if (taken.length) throw new ValidationError(taken);
  const passwordHash = await hashPassword(input.adminPassword);
  try {
    return await em.transactional(async (tx) => {
      const organization = tx.create(Organization, { name, setup: NEW_SETUP });
      const admin = tx.create(User, {
        organization,
        email,
        displayName: input.adminName.trim(),
        role: 'admin',
        passwordHash,
      });
      await tx.flush();
      return { organization, admin };
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw new ValidationError([{ field: 'organizationName', message: 'or email was taken a moment ago' }]);
    }
    throw error;
  }
}
