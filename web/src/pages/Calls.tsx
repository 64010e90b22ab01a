import { A, useSearchParams } from '@solidjs/router';
import { createMutation, createQuery, useClient } from '@urql/solid';
import { createEffect, createMemo, createSignal, For, on, onCleanup, onMount, Show } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import { ACTIVE_STATUSES, CALL_STATUSES, type CallRow, EndCall, isActive, mergeCall } from '../calls.ts';
import { liveReconnects } from '../client.ts';
import { useNow } from '../clock.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { formatDateTime, formatDuration, secondsSince, statusLabel } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import type { CallFilter, CallOrder, CallStatus } from '../gql/graphql.ts';
import { dataOf, describeError, messageOf, mutationProblem } from '../graphql.ts';
import { can, useViewer } from '../viewer.tsx';

const CallsQuery = graphql(`
  query ConsoleCalls($first: Int!, $after: String, $filter: CallFilter, $orderBy: CallOrder) {
    calls(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      __typename
      ... on QueryCallsSuccess {
        data { totalCount pageInfo { hasNextPage endCursor } edges { node { ...CallFields } } }
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
const StartCall = graphql(`
  mutation ConsoleStartCall($input: StartCallInput!) {
    startCall(input: $input) { __typename ... on MutationStartCallSuccess { data { id } } ... on Error { message } }
  }
`);

// Pages stay small: every call row costs the gateway's query budget.
const PAGE_SIZE = 25;
const ACTIVE_LIMIT = 50;

const SORTS: (CallOrder & { label: string })[] = [
  { field: 'CREATED_AT', direction: 'DESC', label: 'Newest first' },
  { field: 'CREATED_AT', direction: 'ASC', label: 'Oldest first' },
  { field: 'STATUS_CHANGED_AT', direction: 'DESC', label: 'Latest status change first' },
  { field: 'STATUS_CHANGED_AT', direction: 'ASC', label: 'Earliest status change first' },
  { field: 'DURATION', direction: 'DESC', label: 'Longest first' },
  { field: 'DURATION', direction: 'ASC', label: 'Shortest first' },
];
const DEFAULT_SORT = SORTS[0]!;

/** The filter and sort of the call history, as kept in the address so a view can be shared. */
interface HistoryParams {
  status?: string;
  direction?: string;
  business?: string;
  from?: string;
  to?: string;
  phone?: string;
  q?: string;
  sort?: string;
  order?: string;
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

/** Midnight at the start of a yyyy-mm-dd day (in the browser's time zone), `days` later. */
function dayStart(date: string, days = 0): string | undefined {
  const start = new Date(`${date}T00:00:00`);
  if (Number.isNaN(start.getTime())) return undefined;
  start.setDate(start.getDate() + days);
  return start.toISOString();
}

interface HistoryView {
  filter: CallFilter;
  orderBy: CallOrder;
}

function viewOf(params: Partial<Record<keyof HistoryParams, string | string[]>>): HistoryView {
  const status = first(params.status)
    .split(',')
    .filter((s): s is CallStatus => (CALL_STATUSES as readonly string[]).includes(s));
  const direction = first(params.direction);
  const from = first(params.from);
  const to = first(params.to);
  const filter: CallFilter = {
    ...(status.length && { status }),
    ...((direction === 'INBOUND' || direction === 'OUTBOUND') && { direction }),
    ...(first(params.business) && { businessId: first(params.business) }),
    ...(from && { createdAfter: dayStart(from) }),
    ...(to && { createdBefore: dayStart(to, 1) }),
    ...(first(params.phone).trim() && { phoneNumber: first(params.phone).trim() }),
    ...(first(params.q).trim() && { text: first(params.q).trim() }),
  };
  const sort = SORTS.find((s) => s.field === first(params.sort) && s.direction === first(params.order)) ?? DEFAULT_SORT;
  return { filter, orderBy: { field: sort.field, direction: sort.direction } };
}

/** Whether a call belongs in the view, as far as the browser can tell (not for text searches). */
function matches(call: CallRow, filter: CallFilter): boolean {
  return (
    (!filter.status || filter.status.includes(call.status)) &&
    (!filter.direction || filter.direction === call.direction) &&
    (!filter.businessId || filter.businessId === call.business.id) &&
    (!filter.createdAfter || call.createdAt >= filter.createdAfter) &&
    (!filter.createdBefore || call.createdAt < filter.createdBefore) &&
    (!filter.phoneNumber || filter.phoneNumber === call.fromNumber || filter.phoneNumber === call.toNumber)
  );
}

/** Orders two calls as the server does, for the orders the browser can reproduce. */
function comparatorOf(order: CallOrder): ((a: CallRow, b: CallRow) => number) | undefined {
  const key = { CREATED_AT: (c: CallRow) => c.createdAt, STATUS_CHANGED_AT: (c: CallRow) => c.statusChangedAt }[
    order.field as 'CREATED_AT' | 'STATUS_CHANGED_AT'
  ];
  if (!key) return undefined;
  const sign = order.direction === 'ASC' ? 1 : -1;
  return (a, b) => sign * (key(a).localeCompare(key(b)) || a.id.localeCompare(b.id));
}

interface History {
  rows: CallRow[];
  total: number;
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
  const [history, setHistory] = createStore<History>({ rows: [], total: 0, endCursor: null, hasMore: false });
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
      if (!after) setHistory({ rows: [], total: 0, endCursor: null, hasMore: false });
      return;
    }
    setProblem('');
    const rows = page.edges.map((edge) => edge.node);
    setHistory({
      rows: after ? [...history.rows, ...rows.filter((r) => !history.rows.some((h) => h.id === r.id))] : rows,
      total: page.totalCount,
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
    setHistory('total', page.totalCount);
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
        if (was !== now) setHistory('total', (total) => total + (now ? 1 : -1));
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
        {history.total === 1 ? '1 call' : `${history.total} calls`}
      </p>
      <table class="calls" aria-label="Calls">
        <thead>
          <tr>
            <th>Started</th>
            <th>Business</th>
            <th>Direction</th>
            <th>From</th>
            <th>To</th>
            <th>Status</th>
            <th>Duration</th>
            <th />
          </tr>
        </thead>
        <tbody>
          <For
            each={history.rows}
            fallback={
              <tr>
                <td colSpan={8} class="empty">
                  {loading() ? 'Loading…' : Object.keys(view().filter).length ? 'No calls match.' : 'No calls yet.'}
                </td>
              </tr>
            }
          >
            {(call) => <CallRowView call={call} onProblem={setProblem} />}
          </For>
        </tbody>
      </table>
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

function CallRowView(props: { call: CallRow; onProblem: (message: string) => void }) {
  const viewer = useViewer();
  const [, endCall] = createMutation(EndCall);
  const end = async () => props.onProblem(mutationProblem(await endCall({ id: props.call.id })));
  return (
    <tr data-call-id={props.call.id}>
      <td>
        <A href={`/calls/${props.call.id}`} data-testid="call-link" title="Open the call">
          {formatDateTime(props.call.createdAt)}
        </A>
      </td>
      <td>{props.call.business.name}</td>
      <td>{props.call.direction.toLowerCase()}</td>
      <td>{props.call.fromNumber}</td>
      <td>{props.call.toNumber}</td>
      <td>
        <StatusBadge status={props.call.status} />
      </td>
      <td data-testid="call-duration">{formatDuration(props.call.durationSeconds)}</td>
      <td class="actions">
        <Show when={can(viewer, 'CALLS_END') && isActive(props.call.status)}>
          <button type="button" class="secondary" onClick={end}>
            End
          </button>
        </Show>
        <A href={`/calls/${props.call.id}`}>details</A>
        <a href={props.call.workflowUrl} target="_blank" rel="noreferrer" title="Open the workflow in Temporal">
          workflow
        </a>
      </td>
    </tr>
  );
}

function StartCallForm(props: { businesses: { id: string; name: string }[] }) {
  const [, startCall] = createMutation(StartCall);
  const [toNumber, setToNumber] = createSignal('');
  const [businessId, setBusinessId] = createSignal('');
  const [formError, setFormError] = createSignal('');

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setFormError('');
    const business = businessId() || props.businesses[0]?.id;
    if (!business) return setFormError('Create a business first.');
    const problem = mutationProblem(await startCall({ input: { businessId: business, toNumber: toNumber().trim() } }));
    setFormError(problem);
    if (!problem) setToNumber('');
  };

  return (
    <form class="card inline-form" onSubmit={submit} aria-label="Start a call">
      <label>
        Business
        <select value={businessId()} onChange={(e) => setBusinessId(e.currentTarget.value)}>
          <For each={props.businesses}>{(b) => <option value={b.id}>{b.name}</option>}</For>
        </select>
      </label>
      <label>
        Number to call
        <input
          name="toNumber"
          placeholder="+14155550100"
          value={toNumber()}
          onInput={(e) => setToNumber(e.currentTarget.value)}
          required
        />
      </label>
      <button type="submit">Start call</button>
      <ErrorAlert message={formError()} />
    </form>
  );
}

/** The calls going on right now, live: each opens its call page. */
function ActiveCalls(props: { calls: CallRow[] }) {
  const now = useNow();
  return (
    <section class="card" aria-label="Active calls">
      <h2>
        Active now{' '}
        <span class="count" data-testid="active-count">
          {props.calls.length}
        </span>
      </h2>
      <ul class="active-calls">
        <For each={props.calls} fallback={<li class="muted">No calls are going on.</li>}>
          {(call) => (
            <li data-testid="active-call" data-call-id={call.id}>
              <A href={`/calls/${call.id}`} title="Open the call">
                {call.direction === 'INBOUND' ? call.fromNumber : call.toNumber}
              </A>
              <span class="muted">{call.business.name}</span>
              <StatusBadge status={call.status} testId="active-call-status" />
              <span class="muted">{formatDuration(secondsSince(call.answeredAt ?? call.createdAt, now()))}</span>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}

function HistoryFilters(props: {
  params: Partial<HistoryParams>;
  setParams: (params: Partial<Record<keyof HistoryParams, string | null>>) => void;
  businesses: { id: string; name: string }[];
  view: HistoryView;
}) {
  const [phone, setPhone] = createSignal('');
  const [text, setText] = createSignal('');
  // The address is the truth (back button, shared links): the inputs follow it.
  createEffect(() => setPhone(first(props.params.phone)));
  createEffect(() => setText(first(props.params.q)));
  const statuses = () => props.view.filter.status ?? [];
  const toggleStatus = (status: string, on: boolean) => {
    const next = CALL_STATUSES.filter((s) => (s === status ? on : statuses().includes(s)));
    props.setParams({ status: next.join(',') || null });
  };
  const search = (event: SubmitEvent) => {
    event.preventDefault();
    props.setParams({ phone: phone().trim() || null, q: text().trim() || null });
  };
  const sortValue = () => `${props.view.orderBy.field} ${props.view.orderBy.direction}`;
  const clear = () =>
    props.setParams({
      status: null,
      direction: null,
      business: null,
      from: null,
      to: null,
      phone: null,
      q: null,
      sort: null,
      order: null,
    });

  return (
    <form class="card filters" aria-label="Filter calls" onSubmit={search}>
      <fieldset class="statuses">
        <legend>Status</legend>
        <For each={CALL_STATUSES}>
          {(status) => (
            <label class="check">
              <input
                type="checkbox"
                name="status"
                value={status}
                checked={statuses().includes(status)}
                onChange={(e) => toggleStatus(status, e.currentTarget.checked)}
              />
              {statusLabel(status)}
            </label>
          )}
        </For>
      </fieldset>
      <div class="inline-form">
        <SelectField
          label="Direction"
          name="direction"
          value={props.view.filter.direction ?? ''}
          onChange={(direction) => props.setParams({ direction: direction || null })}
        >
          <option value="">Both directions</option>
          <option value="INBOUND">inbound</option>
          <option value="OUTBOUND">outbound</option>
        </SelectField>
        {/* Not "Business": that label names the start form's choice. */}
        <SelectField
          label="Company"
          name="business"
          value={props.view.filter.businessId ?? ''}
          onChange={(business) => props.setParams({ business: business || null })}
        >
          <option value="">All</option>
          {/* Businesses arrive after the address is read: each option knows whether it is the one chosen. */}
          <For each={props.businesses}>
            {(b) => (
              <option value={b.id} selected={b.id === props.view.filter.businessId}>
                {b.name}
              </option>
            )}
          </For>
        </SelectField>
        <label>
          Created from
          <input
            type="date"
            name="from"
            value={first(props.params.from)}
            onChange={(e) => props.setParams({ from: e.currentTarget.value || null })}
          />
        </label>
        <label>
          Created to
          <input
            type="date"
            name="to"
            value={first(props.params.to)}
            onChange={(e) => props.setParams({ to: e.currentTarget.value || null })}
          />
        </label>
        <SelectField
          label="Sort"
          name="sort"
          value={sortValue()}
          onChange={(value) => {
            const [sort, order] = value.split(' ');
            const isDefault = sort === DEFAULT_SORT.field && order === DEFAULT_SORT.direction;
            props.setParams({ sort: isDefault ? null : sort, order: isDefault ? null : order });
          }}
        >
          <For each={SORTS}>{(s) => <option value={`${s.field} ${s.direction}`}>{s.label}</option>}</For>
        </SelectField>
      </div>
      <div class="inline-form">
        <label>
          Phone number
          <input
            name="phone"
            placeholder="+14155550100"
            value={phone()}
            onInput={(e) => setPhone(e.currentTarget.value)}
          />
        </label>
        <label>
          Said in the call
          <input
            type="search"
            name="q"
            placeholder='refund "order number" -cancel'
            value={text()}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </label>
        <button type="submit">Search</button>
        <button type="button" class="secondary" onClick={clear}>
          Clear filters
        </button>
      </div>
    </form>
  );
}
