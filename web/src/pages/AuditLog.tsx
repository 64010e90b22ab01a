import type { ResultOf } from '@graphql-typed-document-node/core';
import { useClient } from '@urql/solid';
import { createEffect, createSignal, For, on, Show } from 'solid-js';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { formatDateTime } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import type { AuditOutcome } from '../gql/graphql.ts';
import { dataOf, describeError, messageOf } from '../graphql.ts';

const AuditEntryFields = graphql(`
  fragment AuditEntryFields on AuditEntry {
    id at actorType actorLabel operation targetType targetId outcome errorCode
    changes { field before after }
  }
`);
type AuditRow = ResultOf<typeof AuditEntryFields>;

const AuditLogQuery = graphql(`
  query ConsoleAuditLog($first: Int!, $before: ID, $filter: AuditFilter) {
    auditLog(first: $first, before: $before, filter: $filter) {
      __typename
      ... on QueryAuditLogSuccess { data { ...AuditEntryFields } }
      ... on Error { message }
    }
  }
`);

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
const OUTCOMES: readonly AuditOutcome[] = ['SUCCESS', 'DENIED', 'ERROR'];

const actorOf = (entry: AuditRow) =>
  entry.actorType === 'api_key' ? `${entry.actorLabel} (API key)` : (entry.actorLabel ?? entry.actorType);

export function AuditLog() {
  const client = useClient();
  const [entries, setEntries] = createSignal<AuditRow[]>([]);
  const [operation, setOperation] = createSignal('');
  const [outcome, setOutcome] = createSignal<AuditOutcome | ''>('');
  const [hasMore, setHasMore] = createSignal(false);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal('');
  let latestRequest = 0;

  /** The newest entries matching the filter, or with `before` the page after those shown. */
  const load = async (before?: string) => {
    const request = ++latestRequest;
    setLoading(true);
    const chosen = { operation: operation(), outcome: outcome() };
    const filter = {
      ...(chosen.operation && { operation: chosen.operation }),
      ...(chosen.outcome && { outcome: chosen.outcome }),
    };
    const result = await client
      .query(AuditLogQuery, { first: PAGE_SIZE, before, filter }, { requestPolicy: 'network-only' })
      .toPromise();
    if (request !== latestRequest) return; // the filter changed meanwhile
    setLoading(false);
    const page = dataOf(result.data?.auditLog);
    if (!page) {
      setError(result.error ? describeError(result.error) : (messageOf(result.data?.auditLog) ?? 'Could not load.'));
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
          <select
            name="outcome"
            value={outcome()}
            onChange={(e) => setOutcome(e.currentTarget.value as AuditOutcome | '')}
          >
            <option value="">All outcomes</option>
            <For each={OUTCOMES}>{(o) => <option value={o}>{o.toLowerCase()}</option>}</For>
          </select>
        </label>
        <button type="button" class="secondary" onClick={() => load()}>
          Refresh
        </button>
      </form>
      <ErrorAlert message={error()} />
      <DataTable
        label="Audit log"
        columns={['Time', 'Actor', 'Operation', 'Target', 'Outcome', 'Error code, changes']}
        rows={entries()}
        empty={loading() ? 'Loading…' : 'Nothing recorded yet.'}
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
            <td>
              {entry.errorCode ?? '–'}
              <Show when={entry.changes.length}>
                <details>
                  <summary>{entry.changes.length} changed</summary>
                  <ul class="changes">
                    <For each={entry.changes}>
                      {(change) => (
                        <li>
                          <code>{change.field}</code>: {change.before ?? '–'} → {change.after ?? '–'}
                        </li>
                      )}
                    </For>
                  </ul>
                </details>
              </Show>
            </td>
          </tr>
        )}
      </DataTable>
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
