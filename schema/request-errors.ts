import { createGraphQLError } from 'graphql-yoga';

/** Request-level failures: GraphQL errors with a stable code and the matching HTTP status. */
export const unauthenticated = (message = 'Authentication required: send a valid bearer token.') =>
  createGraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

export const forbidden = (message = 'Your role may not do this.') =>
  createGraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });

export const rateLimited = (retryAfterSeconds: number) =>
  createGraphQLError(`Too many requests; retry in ${retryAfterSeconds} s.`, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfterSeconds,
      http: { status: 429, headers: { 'retry-after': String(retryAfterSeconds) } },
    },
  });
