import { useSearchParams } from '@solidjs/router';
import { createQuery, useClient } from '@urql/solid';
import { createEffect, createMemo, createSignal, on, onCleanup, onMount, Show } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import { ACTIVE_STATUSES, type CallRow, isActive, mergeCall } from '../calls.ts';
import { liveReconnects } from '../client.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { graphql } from '../gql/gql.ts';
import { dataOf, describeError, messageOf } from '../graphql.ts';
import { can, useViewer } from '../viewer.tsx';
import { ActiveCalls } from './calls/ActiveCalls.tsx';
import { CallRowView } from './calls/CallRowView.tsx';
import { HistoryFilters } from './calls/HistoryFilters.tsx';
import { comparatorOf, type HistoryParams, matches, viewOf } from './calls/history-view.ts';
import { StartCallForm } from './calls/StartCallForm.tsx';

const CallsQuery = graphql(`
  query ConsoleCalls($first: Int!, $after: String, $filter: CallFilter, $orderBy: CallOrder) {
    calls(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      __typename
      ... on QueryCallsSuccess {
        data { totalCount totalCountCapped pageInfo { hasNextPage endCursor } edges { node { ...CallFields } } }
      }
      ... on Error { message }
    }
  }
`);
const BusinessesQuery = graphql(`
  query ConsoleBusinesses { businessConfigs(includeInactive: true) { id name active } }
`);
const CallsChanged = graphql(`
  subscription ConsoleCallsChanged { callsChanged { type previousStatus call { ...CallFields } } }
`);

// Pages stay small: every call row costs the gateway's query budget.
const PAGE_SIZE = 25;
const ACTIVE_LIMIT = 50;

interface History {
  rows: CallRow[];
  total: number;
  /** More calls match than the API counts (`totalCount` stops at its cap). */
  capped: boolean;
  endCursor: string | null;
  hasMore: boolean;
}

export function Calls() {
  const client = useClient();
  const viewer = useViewer();
  const [params, setParams] = useSearchParams<Record<keyof HistoryParams, string>>();
  const view = createMemo(() => viewOf(params), undefined, {
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  const [active, setActive] = createStore<CallRow[]>([]);
  const [history, setHistory] = createStore<History>({
    rows: [],
    total: 0,
    capped: false,
    endCursor: null,
    hasMore: false,
  });
  const [loading, setLoading] = createSignal(false);
  const [problem, setProblem] = createSignal('');
  const [businesses] = createQuery({ query: BusinessesQuery });
  const activeBusinesses = () => businesses.data?.businessConfigs.filter((b) => b.active) ?? [];
  let latestRequest = 0;

  /** Puts a call where it belongs in the history, or leaves it out; `update` only changes a row shown. */
  const place = (call: CallRow, update: boolean) =>
    setHistory(
      produce((h) => {
        const { filter, orderBy } = view();
        const compare = comparatorOf(orderBy);
        const index = h.rows.findIndex((r) => r.id === call.id);
        if (update || !compare || filter.text) {
          mergeCall(h.rows, call);
          return;
        }
        if (index >= 0) {
          if (call.statusChangedAt < (h.rows[index]?.statusChangedAt ?? '')) return;
          h.rows.splice(index, 1);
        }
        if (!matches(call, filter)) return;
        const at = h.rows.findIndex((r) => compare(call, r) < 0);
        if (at >= 0) h.rows.splice(at, 0, call);
        else if (!h.hasMore) h.rows.push(call);
      }),
    );

  const placeActive = (call: CallRow) =>
    setActive(
      produce((list) => {
        const index = list.findIndex((c) => c.id === call.id);
        if (index >= 0 && call.statusChangedAt < (list[index]?.statusChangedAt ?? '')) return;
        if (index >= 0) list.splice(index, 1);
        if (!isActive(call.status)) return;
        const at = list.findIndex((c) => c.createdAt < call.createdAt);
        list.splice(at < 0 ? list.length : at, 0, call);
      }),
    );

  /** The history's first page for the current view, or with `after` the next one. */
  const loadHistory = async (after?: string) => {
    const request = ++latestRequest;
    setLoading(true);
    const { filter, orderBy } = view();
    const result = await client
      .query(CallsQuery, { first: PAGE_SIZE, after, filter, orderBy }, { requestPolicy: 'network-only' })
      .toPromise();
    if (request !== latestRequest) return; // the view changed meanwhile
    setLoading(false);
    const page = dataOf(result.data?.calls);
    if (!page) {
      setProblem(
        result.error ? describeError(result.error) : (messageOf(result.data?.calls) ?? 'Could not load calls.'),
      );
      if (!after) setHistory({ rows: [], total: 0, capped: false, endCursor: null, hasMore: false });
      return;
    }
    setProblem('');
    const rows = page.edges.map((edge) => edge.node);
    setHistory({
      rows: after ? [...history.rows, ...rows.filter((r) => !history.rows.some((h) => h.id === r.id))] : rows,
      total: page.totalCount,
      capped: page.totalCountCapped,
      endCursor: page.pageInfo.endCursor,
      hasMore: page.pageInfo.hasNextPage,
    });
  };

  const loadActive = async () => {
    const filter = { status: [...ACTIVE_STATUSES] };
    const result = await client
      .query(CallsQuery, { first: ACTIVE_LIMIT, filter }, { requestPolicy: 'network-only' })
      .toPromise();
    const page = dataOf(result.data?.calls);
    if (!page) return;
    for (const edge of page.edges) placeActive(edge.node);
    // Calls that ended while we were not listening.
    const live = new Set(page.edges.map((e) => e.node.id));
    setActive((list) => list.filter((c) => live.has(c.id)));
  };

  /** After the live connection was down: what changed meanwhile, without losing the pages loaded. */
  const catchUp = async () => {
    loadActive();
    const { filter, orderBy } = view();
    const result = await client
      .query(CallsQuery, { first: PAGE_SIZE, filter, orderBy }, { requestPolicy: 'network-only' })
      .toPromise();
    const page = dataOf(result.data?.calls);
    if (!page) return;
    setHistory({ total: page.totalCount, capped: page.totalCountCapped });
    for (const edge of page.edges) {
      const shown = history.rows.some((r) => r.id === edge.node.id);
      place(edge.node, shown);
    }
  };

  onMount(() => {
    const subscription = client.subscription(CallsChanged, {}).subscribe((result) => {
      const event = result.data?.callsChanged;
      if (!event) return;
      placeActive(event.call);
      // Keep the count right for filters the browser can check (a status filter: the call may enter or leave it).
      const { filter } = view();
      if (!filter.text) {
        const was =
          event.type !== 'CREATED' &&
          !!event.previousStatus &&
          matches({ ...event.call, status: event.previousStatus }, filter);
        const now = matches(event.call, filter);
        if (was !== now && !history.capped) setHistory('total', (total) => total + (now ? 1 : -1));
      }
      place(event.call, false);
    });
    onCleanup(() => subscription.unsubscribe());
    loadActive();
  });
  createEffect(on(view, () => loadHistory()));
  // Events sent while the live connection was down (as after each token refresh) are fetched instead.
  createEffect(on(liveReconnects, catchUp, { defer: true }));

  return (
    <section>
      <h1>Live calls</h1>
      <Show when={can(viewer, 'CALLS_START')}>
        <StartCallForm businesses={activeBusinesses()} />
      </Show>
      <ActiveCalls calls={active} />

      <h2 class="section-title">Call history</h2>
      <HistoryFilters
        params={params}
        setParams={setParams}
        businesses={businesses.data?.businessConfigs ?? []}
        view={view()}
      />
      <ErrorAlert message={problem()} />
      <p class="muted" data-testid="calls-total">
        {history.capped
          ? `More than ${history.total.toLocaleString('en-US')} calls`
          : history.total === 1
            ? '1 call'
            : `${history.total} calls`}
      </p>
      <DataTable
        label="Calls"
        class="calls"
        columns={[
          'Started',
          'Business',
          'Direction',
          'From',
          'To',
          'Status',
          'Duration',
          'Outcome',
          'QA',
          'Adversarial',
          '',
        ]}
        rows={history.rows}
        empty={loading() ? 'Loading…' : Object.keys(view().filter).length ? 'No calls match.' : 'No calls yet.'}
      >
        {(call) => <CallRowView call={call} onProblem={setProblem} />}
      </DataTable>
      <Show when={history.hasMore}>
        <p class="more">
          <button
            type="button"
            class="secondary"
            disabled={loading()}
            onClick={() => loadHistory(history.endCursor ?? undefined)}
          >
            {loading() ? 'Loading…' : 'Load more'}
          </button>
        </p>
      </Show>
    </section>
  );
}
