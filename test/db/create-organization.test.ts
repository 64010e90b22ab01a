import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TEST_DATABASE_URL, testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { graphql } from '../support/graphql.ts';
import { startProcess } from '../support/processes.ts';
import { login } from '../support/tenants.ts';

/** `npm run org:create`: how an operator makes an organisation when sign-up is off, and what its admin finds. */
let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startGateway(testConfig(testEnv()));
});
afterAll(() => gateway?.stop());

const run = async (args: string[]) => {
  const script = startProcess('db/create-organization.ts', { DATABASE_URL: TEST_DATABASE_URL }, args);
  const code = await new Promise<number | null>((resolve) => script.child.once('exit', resolve));
  return { code, output: script.output() };
};

describe('npm run org:create', () => {
  it('creates the organisation and its admin, who signs in to the setup wizard', async () => {
    const email = `operator-made-${randomUUID().slice(0, 8)}@orgs.test`;
    const name = `Operator Made ${randomUUID().slice(0, 6)}`;
    const { code, output } = await run(['--name', name, '--admin-email', email, '--admin-name', 'Olga Admin']);
    expect(code).toBe(0);
    const password = /with password (\S+)/.exec(output)?.[1];
    expect(password).toBeDefined();
    const { accessToken } = await login(gateway.url, email, password);
    const { data } = await graphql(
      gateway.url,
      '{ me { role organization { name } } setupWizard { needed currentStep completedAt } businessConfigs { id } }',
      {},
      accessToken,
    );
    expect(data).toEqual({
      me: { role: 'ADMIN', organization: { name } },
      setupWizard: { needed: true, currentStep: 'ORGANIZATION', completedAt: null },
      businessConfigs: [],
    });

    const again = await run(['--name', name, '--admin-email', email]);
    expect(again.code).toBe(1);
    expect(again.output).toContain('organizationName is taken; email already has an account');
  });

  it('is refused by the API when sign-up is off', async () => {
    const { data } = await graphql(
      gateway.url,
      `mutation { signUp(input: { organizationName: "Nope", displayName: "N", email: "n@orgs.test", password: "a long enough password" }) {
        __typename ... on Error { message } } }`,
    );
    expect(data?.signUp).toEqual({
      __typename: 'ForbiddenActionError',
      message: 'Sign-up is closed on this platform: ask its operator for an organisation.',
    });
    expect((await graphql(gateway.url, '{ signUpEnabled }')).data).toEqual({ signUpEnabled: false });
  });
});
