/**
 * npm run org:create -- --name "Acme Ltd" --admin-email admin@acme.example [--admin-name "Ada Admin"]
 *
 * How an operator creates an organisation when sign-up is off (ORGANIZATION_SIGNUP=disabled, the
 * default). The admin's password is ORG_ADMIN_PASSWORD, or one generated and printed once; signing in
 * leads the admin through the setup wizard.
 */
import { parseArgs } from 'node:util';
import { loadConfig, loadDotEnv } from '../lib/config.ts';
import { ValidationError } from '../lib/errors.ts';
import { randomToken } from '../lib/secrets.ts';
import { createOrganization } from './organizations.ts';
import { openOrm } from './orm.ts';

const { values } = parseArgs({
  options: {
    name: { type: 'string' },
    'admin-email': { type: 'string' },
    'admin-name': { type: 'string', default: 'Administrator' },
  },
});
if (!values.name || !values['admin-email']) {
  console.error(
    'usage: npm run org:create -- --name "Organisation" --admin-email admin@example.com [--admin-name "Name"]',
  );
  process.exit(2);
}

loadDotEnv();
const orm = await openOrm(loadConfig().database.url, 2);
try {
  const given = process.env.ORG_ADMIN_PASSWORD;
  const password = given || randomToken(15);
  const { organization, admin } = await createOrganization(orm.em.fork(), {
    name: values.name,
    adminEmail: values['admin-email'],
    adminName: values['admin-name'] ?? 'Administrator',
    adminPassword: password,
  });
  console.log(`created organisation ${organization.name} (${organization.id})`);
  console.log(
    given
      ? `created admin ${admin.email} with ORG_ADMIN_PASSWORD`
      : `created admin ${admin.email} with password ${password}  (shown once; change it after signing in)`,
  );
} catch (error) {
  if (!(error instanceof ValidationError)) throw error;
  console.error(
    `could not create the organisation: ${error.fieldErrors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
  );
  process.exitCode = 1;
} finally {
  await orm.close();
}
