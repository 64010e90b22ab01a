import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type CombinedError, stringifyDocument } from '@urql/core';

export const GRAPHQL_URL = '/graphql';

/** A top-level GraphQL error as it arrives on the wire. */
export interface RequestProblem {
  message: string;
  extensions?: { code?: unknown; retryAfterSeconds?: unknown };
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: RequestProblem[];
  /** The server's clock when it answered (the Date header), to read its timestamps without clock skew. */
  serverTime: number;
}

/**
 * One GraphQL request over HTTP without the urql client: for what happens outside a session or to
 * manage it (sign-in, refresh, sign-out, password reset). Rejects only when the server is unreachable.
 */
export async function postGraphQL<Data, Variables>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  send: typeof fetch = fetch,
): Promise<GraphQLResponse<Data>> {
  const response = await send(GRAPHQL_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query: stringifyDocument(document), variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<Data>, 'serverTime'>;
  return { ...body, serverTime: Date.parse(response.headers.get('date') ?? '') || Date.now() };
}

const waitText = (seconds: number) => (seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`);

/** What to tell the user when a request failed as a whole rather than with an expected error. */
export function describeProblems(problems: readonly RequestProblem[]): string {
  const [first] = problems;
  switch (first?.extensions?.code) {
    case 'RATE_LIMITED': {
      const seconds = Number(first.extensions.retryAfterSeconds);
      return Number.isFinite(seconds) && seconds > 0
        ? `Too many attempts. Try again in ${waitText(seconds)}.`
        : 'Too many attempts. Try again later.';
    }
    case 'UNAUTHENTICATED':
      return 'Your session has ended. Sign in again.';
    case 'FORBIDDEN':
      return 'Your role is not allowed to do this.';
    default:
      return first?.message ?? 'Something went wrong. Try again.';
  }
}

export const UNREACHABLE = 'The server cannot be reached. Check your connection and try again.';

/** The same, for a failed urql operation. */
export const describeError = (error: CombinedError): string =>
  error.graphQLErrors.length ? describeProblems(error.graphQLErrors) : UNREACHABLE;

/** What every result union of the API shares: a success type, or an expected error with its message. */
interface ResultUnion {
  __typename: string;
  message?: string;
}

type SuccessData<Outcome> = Outcome extends { data: infer Data } ? Data : never;

/** What a result union's success carries, or undefined when it is an expected error (or missing). */
export const dataOf = <Outcome extends ResultUnion>(outcome: Outcome | null | undefined) =>
  outcome && 'data' in outcome ? (outcome.data as SuccessData<Outcome>) : undefined;

/** The message of a result union's expected error, or undefined when it succeeded (or is missing). */
export const messageOf = (outcome: ResultUnion | null | undefined) => outcome?.message;

/**
 * Why a mutation did not succeed (its request failed, or it answered with an expected error), or
 * '' when it did. Reads the mutation's one root field.
 */
export function mutationProblem(result: { error?: CombinedError; data?: Record<string, ResultUnion> | null }) {
  if (result.error) return describeError(result.error);
  const outcome = result.data && Object.values(result.data)[0];
  return outcome?.__typename.endsWith('Success') ? '' : (outcome?.message ?? 'The change was not saved.');
}
