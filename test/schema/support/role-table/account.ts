import { type Operation, unknownId } from './operation.ts';

/** Signing in and out, the viewer, users, API keys, businesses, the audit log and notifications. */
export const ACCOUNT_OPERATIONS: Operation[] = [
  { field: 'me', kind: 'query', access: 'authenticated', document: '{ me { id } }' },
  {
    field: 'passwordPolicy',
    kind: 'query',
    access: 'public',
    document: '{ passwordPolicy { minLength maxLength } }',
  },
  { field: 'businessConfigs', kind: 'query', access: 'businesses:read', document: '{ businessConfigs { id } }' },
  {
    field: 'businessConfig',
    kind: 'query',
    access: 'businesses:read',
    document: `{ businessConfig(id: "${unknownId}") { id } }`,
  },
  { field: 'users', kind: 'query', access: 'users:manage', document: '{ users { id } }' },
  { field: 'apiKeys', kind: 'query', access: 'apiKeys:manage', document: '{ apiKeys { id } }' },
  { field: 'auditLog', kind: 'query', access: 'audit:read', document: '{ auditLog(first: 1) { __typename } }' },
  {
    field: 'notifications',
    kind: 'query',
    access: 'authenticated',
    document: '{ notifications { id } }',
  },
  {
    field: 'unreadNotificationCount',
    kind: 'query',
    access: 'authenticated',
    document: '{ unreadNotificationCount }',
  },
  {
    field: 'notificationPreferences',
    kind: 'query',
    access: 'authenticated',
    document: '{ notificationPreferences { emailTypes } }',
  },
  {
    field: 'markNotificationRead',
    kind: 'mutation',
    access: 'authenticated',
    document: `mutation { markNotificationRead(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'markAllNotificationsRead',
    kind: 'mutation',
    access: 'authenticated',
    document: 'mutation { markAllNotificationsRead }',
  },
  {
    field: 'deleteNotification',
    kind: 'mutation',
    access: 'authenticated',
    document: `mutation { deleteNotification(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'updateNotificationPreferences',
    kind: 'mutation',
    access: 'authenticated',
    document: 'mutation { updateNotificationPreferences(emailTypes: [QA_ALERT]) { __typename } }',
  },
  {
    field: 'createUser',
    kind: 'mutation',
    access: 'users:manage',
    document: 'mutation { createUser(input: { email: "bad", displayName: "x", role: VIEWER }) { __typename } }',
  },
  {
    field: 'updateUser',
    kind: 'mutation',
    access: 'users:manage',
    document: `mutation { updateUser(id: "${unknownId}", input: { role: VIEWER }) { __typename } }`,
  },
  {
    field: 'createApiKey',
    kind: 'mutation',
    access: 'apiKeys:manage',
    document: 'mutation { createApiKey(input: { name: "", role: VIEWER }) { __typename } }',
  },
  {
    field: 'revokeApiKey',
    kind: 'mutation',
    access: 'apiKeys:manage',
    document: `mutation { revokeApiKey(id: "${unknownId}") { __typename } }`,
  },
  {
    field: 'login',
    kind: 'mutation',
    access: 'public',
    document: 'mutation { login(email: "nobody@roles.test", password: "x") { __typename } }',
  },
  {
    field: 'refreshSession',
    kind: 'mutation',
    access: 'public',
    document: 'mutation { refreshSession(refreshToken: "none") { __typename } }',
  },
  { field: 'logout', kind: 'mutation', access: 'public', document: 'mutation { logout(refreshToken: "none") }' },
  {
    field: 'forgotPassword',
    kind: 'mutation',
    access: 'public',
    document: 'mutation { forgotPassword(email: "nobody@roles.test") }',
  },
  {
    field: 'resetPassword',
    kind: 'mutation',
    access: 'public',
    document: 'mutation { resetPassword(token: "none", newPassword: "x") { __typename } }',
  },
  {
    field: 'notificationAdded',
    kind: 'subscription',
    access: 'authenticated',
    document: 'subscription { notificationAdded { id } }',
  },
];
