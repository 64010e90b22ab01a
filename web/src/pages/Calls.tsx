import { gql } from '@urql/core';
import { createMutation, createQuery, useClient } from '@urql/solid';
import { createEffect, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import { formatDuration, formatTime, statusLabel } from '../format.ts';

interface CallRow {
  id: string;
  direction: string;
  status: string;
  fromNumber: string;
  toNumber: string;
  createdAt: string;
  durationSeconds: number | null;
  endReason: string | null;
  workflowUrl: string;
  business: { id: string; name: string };
}

const CALL_FIELDS = `id direction status fromNumber toNumber createdAt durationSeconds endReason workflowUrl business { id name }`;

const CallsQuery = gql<{ calls: { data?: { edges: { node: CallRow }[]; totalCount: number } } }>`
  query ConsoleCalls { calls(first: 50) { ... on QueryCallsSuccess { data { totalCount edges { node { ${CALL_FIELDS} } } } } } }
`;
const BusinessesQuery = gql<{ businessConfigs: { id: string; name: string; phoneNumbers: string[] }[] }>`
  query ConsoleBusinesses { businessConfigs { id name phoneNumbers } }
`;
const CallsChanged = gql<{ callsChanged: { cursor: string; call: CallRow } }>`
  subscription ConsoleCallsChanged { callsChanged { cursor call { ${CALL_FIELDS} } } }
`;
const StartCall = gql`
  mutation ConsoleStartCall($input: StartCallInput!) {
    startCall(input: $input) {
      __typename
      ... on MutationStartCallSuccess { data { id } }
      ... on Error { message }
      ... on ValidationError { fieldErrors { field message } }
    }
  }
`;
const EndCall = gql`
  mutation ConsoleEndCall($id: ID!) {
    endCall(id: $id) { __typename ... on Error { message } }
  }
`;

const ACTIVE = new Set(['QUEUED', 'INITIATED', 'RINGING', 'IN_PROGRESS', 'ESCALATED']);

export function Calls() {
  const client = useClient();
  const [calls, setCalls] = createStore<CallRow[]>([]);
  const [listResult] = createQuery({ query: CallsQuery, requestPolicy: 'network-only' });
  const [businesses] = createQuery({ query: BusinessesQuery });
  const [, startCall] = createMutation(StartCall);
  const [, endCall] = createMutation(EndCall);
  const [toNumber, setToNumber] = createSignal('');
  const [businessId, setBusinessId] = createSignal('');
  const [formError, setFormError] = createSignal('');

  const upsert = (row: CallRow) =>
    setCalls(
      produce((list) => {
        const index = list.findIndex((c) => c.id === row.id);
        if (index >= 0) list[index] = row;
        else list.unshift(row);
      }),
    );

  onMount(() => {
    const subscription = client
      .subscription(CallsChanged, {})
      .subscribe((result) => result.data && upsert(result.data.callsChanged.call));
    onCleanup(() => subscription.unsubscribe());
  });

  // The first page arrives once; live events may already have added newer rows, so only fill gaps.
  createEffect(() => {
    const edges = listResult.data?.calls?.data?.edges;
    if (!edges) return;
    setCalls(
      produce((list) => {
        for (const { node } of edges) if (!list.some((c) => c.id === node.id)) list.push(node);
      }),
    );
  });

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setFormError('');
    const business = businessId() || businesses.data?.businessConfigs[0]?.id;
    if (!business) return setFormError('Create a business first.');
    const result = await startCall({ input: { businessId: business, toNumber: toNumber().trim() } });
    const payload = result.data?.startCall;
    if (result.error) setFormError(result.error.message);
    else if (payload?.__typename !== 'MutationStartCallSuccess')
      setFormError(payload?.message ?? 'Could not start the call');
    else setToNumber('');
  };

  return (
    <section>
      <h1>Live calls</h1>
      <form class="card start-call" onSubmit={submit} aria-label="Start a call">
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
        <Show when={formError()}>
          <p class="error" role="alert">
            {formError()}
          </p>
        </Show>
      </form>
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
                  <Show when={ACTIVE.has(call.status)}>
                    <button type="button" class="secondary" onClick={() => endCall({ id: call.id })}>
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
