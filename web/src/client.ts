import { Client, cacheExchange, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient } from 'graphql-ws';
import { createEffect, createSignal, on, onCleanup } from 'solid-js';
import { GRAPHQL_URL } from './graphql.ts';
import { authorizedFetch, currentAccessToken, freshAccessToken } from './session.ts';

const [connected, setLiveConnected] = createSignal(false);
const [reconnects, setLiveReconnects] = createSignal(0);
/** Whether the live connection (graphql-ws) is up; the header shows it. */
export const liveConnected = connected;
/** Counts reconnections of the live connection, so pages can fetch what they missed meanwhile. */
export const liveReconnects = reconnects;

const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${GRAPHQL_URL}`;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The GraphQL client of one signed-in session: queries and mutations over HTTP with the session's
 * access token, subscriptions over graphql-ws. Create it inside a component: the live connection
 * closes with it, and a new session gets a new client (so no cached data outlives a sign-out).
 */
export function createSessionClient(): Client {
  const ws = createWsClient({
    url: wsUrl,
    lazy: false,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    // Straight back after a deliberate reconnect; back off while the server is away.
    retryWait: (retries) => pause(retries ? Math.min(2 ** retries, 30) * 1000 + Math.random() * 1000 : 0),
    connectionParams: async () => {
      const token = await freshAccessToken();
      if (!token) throw new Error('The session has ended.');
      return { authorization: `Bearer ${token}` };
    },
    on: {
      connected: (_socket, _payload, wasRetry) => {
        setLiveConnected(true);
        if (wasRetry) setLiveReconnects((n) => n + 1);
      },
      closed: () => setLiveConnected(false),
    },
  });
  // The server checks the token once, when the socket connects: reconnect with every new one.
  createEffect(on(currentAccessToken, (token) => token && ws.terminate(), { defer: true }));
  onCleanup(() => {
    ws.dispose();
    setLiveConnected(false);
  });

  return new Client({
    url: GRAPHQL_URL,
    fetch: authorizedFetch,
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  });
}
