import { gql } from '@urql/core';
import { useClient } from '@urql/solid';
import { createEffect, createSignal, For, on, Show } from 'solid-js';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { formatDateTime } from '../format.ts';
import { describeError } from '../graphql.ts';

interface AuditRow {
  id: string;
  at: string;
  actorType: string;
  actorLabel: string | null;
  operation: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  errorCode: string | null;
}

const AuditLogQuery = gql<{ auditLog: { __typename: string; data?: AuditRow[]; message?: string } }>`
  query ConsoleAuditLog($first: Int!, $before: ID, $filter: AuditFilter) {
    auditLog(first: $first, before: $before, filter: $filter) {
      __typename
      ... on QueryAuditLogSuccess { data { id at actorType actorLabel operation targetType targetId outcome errorCode } }
      ... on Error { message }
    }
  }
`;

const PAGE_SIZE = 50;
/** The mutations the gateway audits. */
const OPERATIONS = [
  'login',
  'logout',
  'forgotPassword',
  'resetPassword',
  'createUser',
  'updateUser',
  'createApiKey',
  'revokeApiKey',
  'startCall',
  'endCall',
];
const OUTCOMES = ['SUCCESS', 'DENIED', 'ERROR'];

const actorOf = (entry: AuditRow) =>
  entry.actorType === 'api_key' ? `${entry.actorLabel} (API key)` : (entry.actorLabel ?? entry.actorType);

export function AuditLog() {
  const client = useClient();
  const [entries, setEntries] = createSignal<AuditRow[]>([]);
  const [operation, setOperation] = createSignal('');
  const [outcome, setOutcome] = createSignal('');
  const [hasMore, setHasMore] = createSignal(false);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal('');
  let latestRequest = 0;

  /** The newest entries matching the filter, or with `before` the page after those shown. */
  const load = async (before?: string) => {
    const request = ++latestRequest;
    setLoading(true);
    const filter = { ...(operation() && { operation: operation() }), ...(outcome() && { outcome: outcome() }) };
    const result = await client
      .query(AuditLogQuery, { first: PAGE_SIZE, before, filter }, { requestPolicy: 'network-only' })
      .toPromise();
    if (request !== latestRequest) return; // the filter changed meanwhile
    setLoading(false);
    const page = result.data?.auditLog.data;
    if (!page) {
      setError(result.error ? describeError(result.error) : (result.data?.auditLog.message ?? 'Could not load.'));
      return;
    }
    setError('');
    setEntries(before ? [...entries(), ...page] : page);
    setHasMore(page.length === PAGE_SIZE);
  };
  createEffect(on([operation, outcome], () => load()));

  return (
    <section>
      <h1>Audit log</h1>
      <form class="card inline-form" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
        <label>
          Operation
          <select name="operation" value={operation()} onChange={(e) => setOperation(e.currentTarget.value)}>
            <option value="">All operations</option>
            <For each={OPERATIONS}>{(op) => <option value={op}>{op}</option>}</For>
          </select>
        </label>
        <label>
          Outcome
          <select name="outcome" value={outcome()} onChange={(e) => setOutcome(e.currentTarget.value)}>
            <option value="">All outcomes</option>
            <For each={OUTCOMES}>{(o) => <option value={o}>{o.toLowerCase()}</option>}</For>
          </select>
        </label>
        <button type="button" class="secondary" onClick={() => load()}>
          Refresh
        </button>
      </form>
      <ErrorAlert message={error()} />
      <table aria-label="Audit log">
        <thead>
          <tr>
            <th>Time</th>
            <th>Actor</th>
            <th>Operation</th>
            <th>Target</th>
            <th>Outcome</th>
            <th>Error code</th>
          </tr>
        </thead>
        <tbody>
          <For
            each={entries()}
            fallback={
              <tr>
                <td colSpan={6} class="empty">
                  {loading() ? 'Loading…' : 'Nothing recorded yet.'}
                </td>
              </tr>
            }
          >
            {(entry) => (
              <tr data-audit-id={entry.id}>
                <td>{formatDateTime(entry.at)}</td>
                <td>{actorOf(entry)}</td>
                <td>{entry.operation}</td>
                <td title={entry.targetId ?? undefined}>
                  {entry.targetType ? `${entry.targetType} ${entry.targetId?.slice(0, 8) ?? ''}` : '–'}
                </td>
                <td>
                  <span class={`badge outcome-${entry.outcome.toLowerCase()}`}>{entry.outcome.toLowerCase()}</span>
                </td>
                <td>{entry.errorCode ?? '–'}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={hasMore()}>
        <p class="more">
          <button type="button" class="secondary" disabled={loading()} onClick={() => load(entries().at(-1)?.id)}>
            {loading() ? 'Loading…' : 'Load more'}
          </button>
        </p>
      </Show>
    </section>
  );
}
