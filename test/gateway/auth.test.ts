import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { User } from '../../db/entities/index.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { collect, graphql, wsClient } from '../support/graphql.ts';
import { type MailServer, startMailServer } from '../support/mail.ts';
import { createTenant, login, TEST_PASSWORD, type Tenant } from '../support/tenants.ts';

let mail: MailServer;
let gateway: TestGateway;
let tenant: Tenant;

const ME = '{ me { kind label role permissions organization { id } } }';
const REFRESH = `mutation ($t: String!) {
  refreshSession(refreshToken: $t) {
    __typename
    ... on MutationRefreshSessionSuccess { data { accessToken refreshToken } }
    ... on Error { code }
  }
}`;
const LOGIN = `mutation ($email: String!, $password: String!) {
  login(email: $email, password: $password) { __typename ... on Error { code message } }
}`;

const errorCode = (response: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  response.errors?.[0]?.extensions?.code;

beforeAll(async () => {
  mail = await startMailServer();
  gateway = await startGateway(testConfig(testEnv({ SMTP_URL: mail.smtpUrl })));
  tenant = await createTenant(gateway.orm, 'Auth');
});
afterAll(async () => {
  await gateway?.stop();
  await mail?.stop();
});

describe('sign-in and sessions', () => {
  it('signs a user in and tells them who they are and what they may do', async () => {
    const { accessToken } = await login(gateway.url, tenant.emails.supervisor.toUpperCase());
    const me = await graphql(gateway.url, ME, {}, accessToken);
    expect(me.data?.me).toEqual({
      kind: 'USER',
      label: tenant.emails.supervisor,
      role: 'SUPERVISOR',
      permissions: [
        'CALLS_READ',
        'CALLS_START',
        'CALLS_END',
        'CALLS_INTERVENE',
        'CALLS_LISTEN',
        'NOTES_WRITE',
        'KNOWLEDGE_READ',
        'KNOWLEDGE_WRITE',
        'BUSINESSES_READ',
        'BUSINESSES_MANAGE',
        'QUALITY_REVIEW',
        'QUALITY_CONFIGURE',
        'AGENTS_READ',
        'AGENTS_MANAGE',
        'AGENTS_AVAILABILITY',
        'ESCALATIONS_READ',
        'ESCALATIONS_HANDLE',
        'CALLS_ESCALATE',
        'ANALYTICS_READ',
        'EXPORTS_CREATE',
        'CAMPAIGNS_READ',
        'CAMPAIGNS_MANAGE',
        'CAMPAIGNS_RUN',
        'DNC_READ',
        'DNC_MANAGE',
        'WEBHOOKS_READ',
      ],
      organization: { id: tenant.organizationId },
    });
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const wrong = await graphql(gateway.url, LOGIN, { email: tenant.emails.agent, password: 'not the password!' });
    const unknown = await graphql(gateway.url, LOGIN, { email: 'nobody@nowhere.test', password: TEST_PASSWORD });
    expect(wrong.data?.login).toEqual(unknown.data?.login);
    expect(wrong.data?.login).toMatchObject({ __typename: 'InvalidCredentialsError', code: 'INVALID_CREDENTIALS' });
  });

  it('refuses requests without credentials or with a forged token', async () => {
    const anonymous = await graphql(gateway.url, ME);
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
    const forged = await graphql(gateway.url, ME, {}, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl');
    expect(forged.status).toBe(401);
    expect(errorCode(forged)).toBe('UNAUTHENTICATED');
  });

  it('rotates refresh tokens and revokes the session when an old one is replayed', async () => {
    const first = await login(gateway.url, tenant.emails.viewer);
    const rotated = await graphql(gateway.url, REFRESH, { t: first.refreshToken });
    const second = rotated.data?.refreshSession.data;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await graphql(gateway.url, ME, {}, second.accessToken)).data?.me.label).toBe(tenant.emails.viewer);

    // Someone replays the first refresh token: the whole session ends, the new tokens included.
    const replay = await graphql(gateway.url, REFRESH, { t: first.refreshToken });
    expect(replay.data?.refreshSession).toEqual({ __typename: 'InvalidTokenError', code: 'INVALID_TOKEN' });
    expect(errorCode(await graphql(gateway.url, ME, {}, second.accessToken))).toBe('UNAUTHENTICATED');
    const afterRevoke = await graphql(gateway.url, REFRESH, { t: second.refreshToken });
    expect(afterRevoke.data?.refreshSession.__typename).toBe('InvalidTokenError');
  });

  it('ends the session on logout: its access and refresh tokens stop working at once', async () => {
    const session = await login(gateway.url, tenant.emails.agent);
    const logout = await graphql(gateway.url, 'mutation ($t: String!) { logout(refreshToken: $t) }', {
      t: session.refreshToken,
    });
    expect(logout.data?.logout).toBe(true);
    expect(errorCode(await graphql(gateway.url, ME, {}, session.accessToken))).toBe('UNAUTHENTICATED');
    expect((await graphql(gateway.url, REFRESH, { t: session.refreshToken })).data?.refreshSession.__typename).toBe(
      'InvalidTokenError',
    );
  });

  it('refuses an expired access token', async () => {
    // Long enough that a stall of this shared machine between sign-in and the first request does not expire it.
    const shortLived = await startGateway(testConfig(testEnv({ AUTH_ACCESS_TOKEN_TTL_SECONDS: '4' })));
    try {
      const { accessToken } = await login(shortLived.url, tenant.emails.viewer);
      expect((await graphql(shortLived.url, ME, {}, accessToken)).data?.me).toBeDefined();
      await new Promise((r) => setTimeout(r, 5_100));
      const expired = await graphql(shortLived.url, ME, {}, accessToken);
      expect(expired.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
      expect(expired.errors?.[0]?.message).toMatch(/expired/);
    } finally {
      await shortLived.stop();
    }
  });

  it('refuses a deactivated user, and their open sessions', async () => {
    const t = await createTenant(gateway.orm, 'Deactivated');
    const session = await login(gateway.url, t.emails.agent);
    await gateway.orm.em.fork().nativeUpdate(User, { email: t.emails.agent }, { active: false });
    expect(errorCode(await graphql(gateway.url, ME, {}, session.accessToken))).toBe('UNAUTHENTICATED');
    const again = await graphql(gateway.url, LOGIN, { email: t.emails.agent, password: TEST_PASSWORD });
    expect(again.data?.login.__typename).toBe('InvalidCredentialsError');
  });
});

describe('password reset by email', () => {
  const FORGOT = 'mutation ($email: String!) { forgotPassword(email: $email) }';
  const RESET = `mutation ($token: String!, $password: String!) {
    resetPassword(token: $token, newPassword: $password) { __typename ... on Error { code } }
  }`;

  it('mails a single-use link that sets a new password and signs the user out everywhere', async () => {
    const t = await createTenant(gateway.orm, 'Reset');
    const email = t.emails.supervisor;
    const oldSession = await login(gateway.url, email);

    expect((await graphql(gateway.url, FORGOT, { email })).data?.forgotPassword).toBe(true);
    const message = await mail.waitForMail(email);
    expect(message.subject).toBe('Reset your Call Platform password');
    const token = /reset-password\?token=([\w-]+)/.exec(message.text)?.[1];
    expect(token).toBeDefined();

    const tooShort = await graphql(gateway.url, RESET, { token, password: 'short' });
    expect(tooShort.data?.resetPassword).toEqual({ __typename: 'ValidationError', code: 'VALIDATION_FAILED' });
    const reset = await graphql(gateway.url, RESET, { token, password: 'a brand new passphrase' });
    expect(reset.data?.resetPassword.__typename).toBe('MutationResetPasswordSuccess');

    expect(
      (await graphql(gateway.url, RESET, { token, password: 'yet another passphrase' })).data?.resetPassword,
    ).toEqual({
      __typename: 'InvalidTokenError',
      code: 'INVALID_TOKEN',
    });
    expect(errorCode(await graphql(gateway.url, ME, {}, oldSession.accessToken))).toBe('UNAUTHENTICATED');
    const oldPassword = await graphql(gateway.url, LOGIN, { email, password: TEST_PASSWORD });
    expect(oldPassword.data?.login.__typename).toBe('InvalidCredentialsError');
    await expect(login(gateway.url, email, 'a brand new passphrase')).resolves.toHaveProperty('accessToken');
  });

  it('tells anyone, before signing in, how long a new password must be', async () => {
    const response = await graphql(gateway.url, '{ passwordPolicy { minLength maxLength } }');
    expect(response.data?.passwordPolicy).toEqual({ minLength: 12, maxLength: 256 });
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const response = await graphql(gateway.url, FORGOT, { email: 'ghost@nowhere.test' });
    expect(response.data?.forgotPassword).toBe(true);
    await expect(mail.waitForMail('ghost@nowhere.test', 1_000)).rejects.toThrow(/no mail/);
  });
});

describe('API keys', () => {
  const CREATE = `mutation ($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      __typename
      ... on MutationCreateApiKeySuccess { data { secret apiKey { id prefix role } } }
      ... on Error { code }
    }
  }`;

  it('are shown once, stored hashed, and work as bearer tokens over HTTP and graphql-ws until revoked', async () => {
    const admin = await login(gateway.url, tenant.emails.admin);
    const created = await graphql(
      gateway.url,
      CREATE,
      { input: { name: 'CRM sync', role: 'VIEWER' } },
      admin.accessToken,
    );
    const { secret, apiKey } = created.data!.createApiKey.data;
    expect(secret).toMatch(/^cpk_[0-9a-f]{12}_/);
    expect(secret.startsWith(apiKey.prefix)).toBe(true);

    const listed = await graphql(gateway.url, '{ apiKeys { id prefix } }', {}, admin.accessToken);
    expect(JSON.stringify(listed.data)).not.toContain(secret);

    const me = await graphql(gateway.url, ME, {}, secret);
    expect(me.data?.me).toMatchObject({ kind: 'API_KEY', label: 'CRM sync', role: 'VIEWER' });
    const forbidden = await graphql(gateway.url, '{ users { id } }', {}, secret);
    expect(errorCode(forbidden)).toBe('FORBIDDEN');

    // graphql-ws: the key goes in connectionParams.
    const ws = wsClient(gateway.url, secret);
    const viaWs = await collect<{ me: { label: string } }>(
      ws,
      '{ me { label } }' as string,
      {},
      (items) => items.length === 1,
    );
    expect(viaWs[0]?.me.label).toBe('CRM sync');
    await ws.dispose();

    await graphql(
      gateway.url,
      'mutation ($id: ID!) { revokeApiKey(id: $id) { __typename } }',
      { id: apiKey.id },
      admin.accessToken,
    );
    const revoked = await graphql(gateway.url, ME, {}, secret);
    expect(revoked.errors?.[0]?.message).toMatch(/revoked/);
  });

  it('refuses an expired key', async () => {
    const admin = await login(gateway.url, tenant.emails.admin);
    const created = await graphql(
      gateway.url,
      CREATE,
      { input: { name: 'short', role: 'VIEWER', expiresAt: new Date(Date.now() + 1_500).toISOString() } },
      admin.accessToken,
    );
    const { secret } = created.data!.createApiKey.data;
    expect((await graphql(gateway.url, ME, {}, secret)).data?.me).toBeDefined();
    await new Promise((r) => setTimeout(r, 1_700));
    expect((await graphql(gateway.url, ME, {}, secret)).errors?.[0]?.message).toMatch(/expired/);
  });

  it('refuses a graphql-ws connection with a bad credential', async () => {
    const ws = wsClient(gateway.url, 'cpk_000000000000_nope');
    await expect(collect(ws, '{ me { label } }', {}, (items) => items.length === 1, 5_000)).rejects.toBeDefined();
    await ws.dispose();
  });
});

describe('invitations', () => {
  it('mails a new user without a password a link to choose one, which signs them in', async () => {
    const admin = await login(gateway.url, tenant.emails.admin);
    const email = `invitee-${crypto.randomUUID().slice(0, 8)}@auth.test`;
    const created = await graphql(
      gateway.url,
      'mutation ($email: String!) { createUser(input: { email: $email, displayName: "Invitee", role: AGENT }) { __typename } }',
      { email },
      admin.accessToken,
    );
    expect(created.data?.createUser.__typename).toBe('MutationCreateUserSuccess');
    const message = await mail.waitForMail(email);
    expect(message.subject).toMatch(/^You are invited to Call Platform/);
    expect(message.text).toContain(`as agent`);
    const token = /reset-password\?token=([\w-]+)/.exec(message.text)?.[1];
    const reset = await graphql(
      gateway.url,
      'mutation ($t: String!) { resetPassword(token: $t, newPassword: "my own passphrase") { __typename } }',
      { t: token },
    );
    expect(reset.data?.resetPassword.__typename).toBe('MutationResetPasswordSuccess');
    await expect(login(gateway.url, email, 'my own passphrase')).resolves.toHaveProperty('accessToken');
  });
});

describe('live connections', () => {
  it('refuses new subscriptions on an open socket once its session has ended', async () => {
    const session = await login(gateway.url, tenant.emails.viewer);
    const ws = wsClient(gateway.url, session.accessToken);
    const first = await collect<{ me: { label: string } }>(ws, '{ me { label } }', {}, (items) => items.length === 1);
    expect(first[0]?.me.label).toBe(tenant.emails.viewer);
    await graphql(gateway.url, 'mutation ($t: String!) { logout(refreshToken: $t) }', { t: session.refreshToken });
    await expect(collect(ws, '{ me { label } }', {}, (items) => items.length === 1, 5_000)).rejects.toThrow(
      /session has ended/,
    );
    await ws.dispose();
  });
});
