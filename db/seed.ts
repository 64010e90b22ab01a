/**
 * npm run db:seed — the demo organisation, its business and its first admin. Safe to run again:
 * what exists is left as it is (an existing admin's password is never touched).
 *
 * The admin is SEED_ADMIN_EMAIL (default admin@acme.example) with SEED_ADMIN_PASSWORD; without a
 * password one is generated and printed once.
 */

import { loadConfig, loadDotEnv } from '../lib/config.ts';
import { assertPasswordPolicy, normalizeEmail } from '../lib/password-policy.ts';
import { hashPassword, randomToken } from '../lib/secrets.ts';
import { BusinessConfig, Organization, User } from './entities/index.ts';
import { openOrm } from './orm.ts';

const DEMO_ORGANIZATION = 'Acme (demo)';
const DEMO_BUSINESS = {
  name: 'Acme Support (demo)',
  type: 'customer_support' as const,
  phoneNumbers: ['+15005550006'],
  systemPrompt:
    'You are the friendly phone assistant of Acme. Answer briefly from the knowledge base, confirm what the ' +
    'caller wants before acting, and offer a human colleague when you cannot help.',
  greeting: 'Thanks for calling Acme, this call is recorded. How can I help you today?',
  voice: 'alloy',
  settings: { quality: { escalationKeywords: ['manager', 'supervisor', 'human', 'agent', 'representative'] } },
};

loadDotEnv();
const orm = await openOrm(loadConfig().database.url, 2);
try {
  const em = orm.em.fork();
  let organization = await em.findOne(Organization, { name: DEMO_ORGANIZATION });
  if (!organization) {
    organization = em.create(Organization, { name: DEMO_ORGANIZATION });
    await em.flush();
    console.log(`created organisation: ${organization.name}`);
  }

  const business = await em.findOne(BusinessConfig, { name: DEMO_BUSINESS.name, organization });
  if (!business) {
    em.create(BusinessConfig, { ...DEMO_BUSINESS, organization });
    await em.flush();
    console.log(`created business: ${DEMO_BUSINESS.name}`);
  }

  const email = normalizeEmail(process.env.SEED_ADMIN_EMAIL || 'admin@acme.example');
  if (!(await em.findOne(User, { email }))) {
    const given = process.env.SEED_ADMIN_PASSWORD;
    if (given) assertPasswordPolicy(given);
    const password = given || randomToken(15);
    em.create(User, {
      organization,
      email,
      displayName: 'Administrator',
      role: 'admin',
      passwordHash: await hashPassword(password),
    });
    await em.flush();
    console.log(
      given
        ? `created admin ${email} with SEED_ADMIN_PASSWORD`
        : `created admin ${email} with password ${password}  (shown once; change it after signing in)`,
    );
  } else {
    console.log(`admin ${email} exists`);
  }
} finally {
  await orm.close();
}
