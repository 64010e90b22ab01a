import { Client, cacheExchange, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient } from 'graphql-ws';
import { createSignal } from 'solid-js';

/** Whether the live connection (graphql-ws) is up; the header shows it. */
export const [liveConnected, setLiveConnected] = createSignal(false);

const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;

const ws = createWsClient({
  url: wsUrl,
  retryAttempts: Number.POSITIVE_INFINITY,
  shouldRetry: () => true,
  on: {
    connected: () => setLiveConnected(true),
    closed: () => setLiveConnected(false),
  },
});

/** The console's one GraphQL client: queries and mutations over HTTP, subscriptions over graphql-ws. */
export const client = new Client({
  url: '/graphql',
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
