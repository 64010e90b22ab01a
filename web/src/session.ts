import type { ResultOf } from '@graphql-typed-document-node/core';
import { batch, createResource, createSignal } from 'solid-js';
import { graphql } from './gql/gql.ts';
import { dataOf, describeProblems, postGraphQL, UNREACHABLE } from './graphql.ts';

/**
 * The signed-in session. The access token lives only in memory; the refresh token is kept in
 * localStorage so a reload (or another tab) can resume. Refresh tokens work once, so every
 * refresh reads the stored token, trades it and stores the new one under one lock, shared by all
 * tabs where the browser offers Web Locks.
 */

/**
 * restoring: resuming a stored session; active: signed in; none: never signed in here;
 * signedOut: the user (here or in another tab) signed out; expired: the server ended the session.
 */
export type SessionStatus = 'restoring' | 'active' | 'none' | 'signedOut' | 'expired';

const REFRESH_TOKEN_KEY = 'callplatform.refreshToken';
/** Refresh this long before the access token expires (at most a quarter of its lifetime). */
const REFRESH_LEAD_MS = 60_000;
/** A token this close to expiry (at most a quarter of its lifetime) is refreshed before it is sent. */
const EXPIRY_MARGIN_MS = 5_000;
/** When a refresh fails for a passing reason (offline, rate limited), try again after this long. */
const RETRY_MS = 10_000;

const SessionTokens = graphql(`
  fragment SessionTokens on AuthPayload { accessToken accessTokenExpiresAt refreshToken }
`);
type Tokens = ResultOf<typeof SessionTokens>;

const Login = graphql(`
  mutation ConsoleLogin($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      __typename
      ... on MutationLoginSuccess { data { ...SessionTokens } }
      ... on Error { code message }
    }
  }
`);
const RefreshSession = graphql(`
  mutation ConsoleRefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      __typename
      ... on MutationRefreshSessionSuccess { data { ...SessionTokens } }
      ... on Error { code message }
    }
  }
`);
const SignUp = graphql(`
  mutation ConsoleSignUp($input: SignUpInput!) {
    signUp(input: $input) {
      __typename
      ... on MutationSignUpSuccess { data { ...SessionTokens } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { code message }
    }
  }
`);
const SignUpEnabled = graphql(`
  query ConsoleSignUpEnabled { signUpEnabled }
`);
const Logout = graphql(`
  mutation ConsoleLogout($refreshToken: String!) { logout(refreshToken: $refreshToken) }
`);

const storedRefreshToken = () => localStorage.getItem(REFRESH_TOKEN_KEY);

const [status, setStatus] = createSignal<SessionStatus>(storedRefreshToken() ? 'restoring' : 'none');
const [accessToken, setAccessToken] = createSignal<string | null>(null);
/** Where the session stands; pages redirect to /login unless it is active. */
export const sessionStatus = status;
/** The current access token; changes on every refresh. */
export const currentAccessToken = accessToken;

/** Until when the access token may be sent as it is, on this browser's clock. */
let usableUntil = 0;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<string | null> | undefined;

function begin(tokens: Tokens, serverTime: number): void {
  localStorage.setItem(REFRESH_TOKEN_KEY, tokens.refreshToken);
  const lifetime = Date.parse(tokens.accessTokenExpiresAt) - serverTime;
  usableUntil = Date.now() + lifetime - Math.min(EXPIRY_MARGIN_MS, lifetime / 4);
  batch(() => {
    setAccessToken(tokens.accessToken);
    setStatus('active');
  });
  scheduleRefresh(lifetime - Math.min(REFRESH_LEAD_MS, lifetime / 4));
}

function end(reason: 'signedOut' | 'expired'): void {
  clearTimeout(refreshTimer);
  localStorage.removeItem(REFRESH_TOKEN_KEY);
  usableUntil = 0;
  batch(() => {
    setAccessToken(null);
    setStatus(reason);
  });
}

function scheduleRefresh(delayMs: number): void {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => refreshSession().catch(() => scheduleRefresh(RETRY_MS)), Math.max(0, delayMs));
}

const withRefreshLock = <T>(task: () => Promise<T>): Promise<T> =>
  // Web Locks exist only in secure contexts; elsewhere the in-tab guard below has to do.
  navigator.locks ? navigator.locks.request('callplatform-session-refresh', task) : task();

async function tradeRefreshToken(): Promise<string | null> {
  const refreshToken = storedRefreshToken();
  if (!refreshToken) {
    end('signedOut'); // another tab signed out
    return null;
  }
  const response = await postGraphQL(RefreshSession, { refreshToken });
  const result = response.data?.refreshSession;
  const tokens = dataOf(result);
  if (tokens) {
    begin(tokens, response.serverTime);
    return tokens.accessToken;
  }
  if (result) {
    end('expired');
    return null;
  }
  throw new Error(describeProblems(response.errors ?? []));
}

/**
 * Trades the refresh token for a new pair: one refresh at a time, however many callers ask.
 * Resolves to the new access token, or null when the session has ended; rejects when the server
 * could not answer (the session is kept and tried again later).
 */
function refreshSession(): Promise<string | null> {
  refreshing ??= withRefreshLock(tradeRefreshToken).finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

/** An access token good for at least a few more seconds, refreshed first if need be; null when signed out. */
export async function freshAccessToken(): Promise<string | null> {
  const token = accessToken();
  if (token && Date.now() < usableUntil) return token;
  return status() === 'active' || status() === 'restoring' ? refreshSession() : null;
}

/** Resumes a stored session on start-up, retrying while the server cannot be reached. */
export function restoreSession(): void {
  if (status() === 'restoring') scheduleRefresh(0);
}

/** The fetch of the console's GraphQL client: sends the access token and, on a 401, refreshes once and retries. */
export const authorizedFetch: typeof fetch = async (input, init) => {
  const send = (token: string | null) => {
    const headers = new Headers(init?.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
  const token = await freshAccessToken();
  const response = await send(token);
  if (response.status !== 401 || !token) return response;
  // Another request may have refreshed already; otherwise refresh now.
  const renewed = accessToken() !== token ? accessToken() : await refreshSession();
  return renewed ? send(renewed) : response;
};

/** Signs in; resolves to null on success or to what to tell the user. */
export async function signIn(email: string, password: string): Promise<string | null> {
  const response = await postGraphQL(Login, { email, password }).catch(() => null);
  if (!response) return UNREACHABLE;
  const result = response.data?.login;
  if (result?.__typename === 'MutationLoginSuccess') {
    begin(result.data, response.serverTime);
    return null;
  }
  if (!result) return describeProblems(response.errors ?? []);
  // The only input login validates is the email address.
  return result.code === 'VALIDATION_FAILED' ? 'Enter a valid email address.' : (result.message ?? 'Sign-in failed.');
}

/** Ends the session on the server (so its tokens stop working at once), then here. */
export async function signOut(): Promise<void> {
  const refreshToken = storedRefreshToken();
  try {
    if (refreshToken) await postGraphQL(Logout, { refreshToken }, authorizedFetch);
  } catch {
    // Offline: the server-side session simply runs out; forget it here all the same.
  } finally {
    end('signedOut');
  }
}

// Another tab signed out: so does this one.
window.addEventListener('storage', (event) => {
  if (event.key === REFRESH_TOKEN_KEY && event.newValue === null && status() === 'active') end('signedOut');
});

/** Creates an organisation with its first admin and signs them in; null on success, else what to tell the user. */
export async function signUp(input: {
  organizationName: string;
  displayName: string;
  email: string;
  password: string;
}): Promise<string | null> {
  const response = await postGraphQL(SignUp, { input }).catch(() => null);
  if (!response) return UNREACHABLE;
  const result = response.data?.signUp;
  if (result?.__typename === 'MutationSignUpSuccess') {
    begin(result.data, response.serverTime);
    return null;
  }
  if (!result) return describeProblems(response.errors ?? []);
  if ('fieldErrors' in result) return result.fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return result.message ?? 'Sign-up failed.';
}

/** Whether the platform lets visitors create organisations (read once per page load). */
export const signUpEnabled = () =>
  createResource(async () => (await postGraphQL(SignUpEnabled, {}).catch(() => null))?.data?.signUpEnabled ?? false);
