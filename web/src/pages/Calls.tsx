import { gql } from '@urql/core';
import { createMutation, createQuery, useClient } from '@urql/solid';
import { createEffect, createSignal, For, on, onCleanup, onMount, Show } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import { liveReconnects } from '../client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { formatDuration, formatTime, statusLabel } from '../format.ts';
import { describeError, type MutationOutcome, mutationProblem } from '../graphql.ts';
import { can, useViewer } from '../viewer.tsx';

interface CallRow {
  id: string;
  direction: string;
  status: string;
  fromNumber: string;
  toNumber: string;
  createdAt: string;
  statusChangedAt: string;
  durationSeconds: number | null;
  workflowUrl: string;
  business: { id: string; name: string };
}

const CALL_FIELDS = `id direction status fromNumber toNumber createdAt statusChangedAt durationSeconds workflowUrl business { id name }`;

// The latest calls; a longer page would go over the gateway's query cost limit.
const CallsQuery = gql<{ calls: { data?: { edges: { node: CallRow }[] } } }>`
  query ConsoleCalls { calls(first: 25) { ... on QueryCallsSuccess { data { edges { node { ${CALL_FIELDS} } } } } } }
`;
const BusinessesQuery = gql<{ businessConfigs: { id: string; name: string; phoneNumbers: string[] }[] }>`
  query ConsoleBusinesses { businessConfigs { id name phoneNumbers } }
`;
const CallsChanged = gql<{ callsChanged: { cursor: string; call: CallRow } }>`
  subscription ConsoleCallsChanged { callsChanged { cursor call { ${CALL_FIELDS} } } }
`;
const StartCall = gql<{ startCall: MutationOutcome }>`
  mutation ConsoleStartCall($input: StartCallInput!) {
    startCall(input: $input) { __typename ... on MutationStartCallSuccess { data { id } } ... on Error { message } }
  }
`;
const EndCall = gql<{ endCall: MutationOutcome }>`
  mutation ConsoleEndCall($id: ID!) {
    endCall(id: $id) { __typename ... on Error { message } }
  }
`;

const ACTIVE = new Set(['QUEUED', 'INITIATED', 'RINGING', 'IN_PROGRESS', 'ESCALATED']);

export function Calls() {
  const client = useClient();
  const viewer = useViewer();
  const [calls, setCalls] = createStore<CallRow[]>([]);
  const [problem, setProblem] = createSignal('');
  const [businesses] = createQuery({ query: BusinessesQuery, pause: !can(viewer, 'calls:start') });
  const [, startCall] = createMutation(StartCall);
  const [, endCall] = createMutation(EndCall);
  const [toNumber, setToNumber] = createSignal('');
  const [businessId, setBusinessId] = createSignal('');
  const [formError, setFormError] = createSignal('');

  // Rows come from the first page and from live events in any order: keep the latest state of each, newest call first.
  const merge = (rows: CallRow[]) =>
    setCalls(
      produce((list) => {
        for (const row of rows) {
          const index = list.findIndex((c) => c.id === row.id);
          if (index < 0) list.push(row);
          else if (row.statusChangedAt >= (list[index]?.statusChangedAt ?? '')) list[index] = row;
        }
        list.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      }),
    );

  const loadList = async () => {
    const result = await client.query(CallsQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    setProblem(result.error ? describeError(result.error) : '');
    merge(result.data?.calls?.data?.edges.map((edge) => edge.node) ?? []);
  };

  onMount(() => {
    const subscription = client
      .subscription(CallsChanged, {})
      .subscribe((result) => result.data && merge([result.data.callsChanged.call]));
    onCleanup(() => subscription.unsubscribe());
    loadList();
  });
  // Events sent while the live connection was down (as after each token refresh) are fetched instead.
  createEffect(on(liveReconnects, loadList, { defer: true }));

  const end = async (id: string) => setProblem(mutationProblem(await endCall({ id })));

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setFormError('');
    const business = businessId() || businesses.data?.businessConfigs[0]?.id;
    if (!business) return setFormError('Create a business first.');
    const problem = mutationProblem(await startCall({ input: { businessId: business, toNumber: toNumber().trim() } }));
    setFormError(problem);
    if (!problem) setToNumber('');
  };

  return (
    <section>
      <h1>Live calls</h1>
      <Show when={can(viewer, 'calls:start')}>
        <form class="card inline-form" onSubmit={submit} aria-label="Start a call">
          <label>
            Business
            <select value={businessId()} onChange={(e) => setBusinessId(e.currentTarget.value)}>
              <For each={businesses.data?.businessConfigs ?? []}>{(b) => <option value={b.id}>{b.name}</option>}</For>
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
      </Show>
      <ErrorAlert message={problem()} />
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
            each={calls}
            fallback={
              <tr>
                <td colSpan={8} class="empty">
                  No calls yet.
                </td>
              </tr>
            }
          >
            {(call) => (
              <tr data-call-id={call.id}>
                <td>{formatTime(call.createdAt)}</td>
                <td>{call.business.name}</td>
                <td>{call.direction.toLowerCase()}</td>
                <td>{call.fromNumber}</td>
                <td>{call.toNumber}</td>
                <td>
                  <span class={`status status-${call.status.toLowerCase()}`} data-testid="call-status">
                    {statusLabel(call.status)}
                  </span>
                </td>
                <td>{formatDuration(call.durationSeconds)}</td>
                <td class="actions">
                  <Show when={can(viewer, 'calls:end') && ACTIVE.has(call.status)}>
                    <button type="button" class="secondary" onClick={() => end(call.id)}>
                      End
                    </button>
                  </Show>
                  <a href={call.workflowUrl} target="_blank" rel="noreferrer" title="Open the workflow in Temporal">
                    workflow
                  </a>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}
