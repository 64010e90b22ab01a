import type { ResultOf } from '@graphql-typed-document-node/core';
import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For, onCleanup, Show } from 'solid-js';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ProgressBar } from '../components/ProgressBar.tsx';
import { formatDateTime, statusLabel } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import { dataOf, describeError, mutationProblem } from '../graphql.ts';

const PersonRequestFields = graphql(`
  fragment PersonRequestFields on PersonRequest {
    id kind status subjectHint requestedBy includeOriginals addToDoNotCall stage itemsDone itemsTotal progress error
    createdAt completedAt
    download { url expiresAt }
    receipt {
      weaviateObjects addedToDoNotCall
      postgres {
        callIds activeCallIds transcriptLines transcriptOriginals notes qaScores analyses escalationIds liveEvents
        notifications webhookEvents campaignContactIds exportIds
      }
      temporal { deleted notFound running }
    }
  }
`);
type PersonRequestRow = ResultOf<typeof PersonRequestFields>;

const PersonRequestsQuery = graphql(`
  query ConsolePersonRequests { personRequests(first: 50) { ...PersonRequestFields } }
`);
const ExportPersonData = graphql(`
  mutation ConsoleExportPersonData($input: ExportPersonDataInput!) {
    exportPersonData(input: $input) {
      __typename
      ... on MutationExportPersonDataSuccess { data { ...PersonRequestFields } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { message }
    }
  }
`);
const ErasePerson = graphql(`
  mutation ConsoleErasePerson($input: ErasePersonInput!) {
    erasePerson(input: $input) {
      __typename
      ... on MutationErasePersonSuccess { data { ...PersonRequestFields } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { message }
    }
  }
`);

/** A number or an email, as the API takes it. */
const subjectOf = (typed: string) => (typed.includes('@') ? { email: typed } : { phoneNumber: typed });

/** Admins: a person's requests to have their data exported or erased, their progress, archives and receipts. */
export function PrivacyRequests() {
  const [requests, refetch] = createQuery({
    query: PersonRequestsQuery,
    requestPolicy: 'network-only',
    context: { additionalTypenames: ['PersonRequest'] },
  });
  const [, exportPersonData] = createMutation(ExportPersonData);
  const [, erasePerson] = createMutation(ErasePerson);
  const [kind, setKind] = createSignal<'export' | 'erasure'>('export');
  const [subject, setSubject] = createSignal('');
  const [doNotCall, setDoNotCall] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  const [opened, setOpened] = createSignal<string | null>(null);
  const [error, setError] = createSignal('');

  // Running requests move on their own: look again every two seconds while one runs.
  const timer = setInterval(() => {
    if (requests.data?.personRequests.some((r) => r.status === 'RUNNING')) refetch({ requestPolicy: 'network-only' });
  }, 2000);
  onCleanup(() => clearInterval(timer));

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (kind() === 'erasure' && !confirming()) return setConfirming(true);
    setConfirming(false);
    const typed = subject().trim();
    let started: PersonRequestRow | undefined;
    if (kind() === 'export') {
      const result = await exportPersonData({ input: subjectOf(typed) });
      setError(mutationProblem(result));
      started = dataOf(result.data?.exportPersonData);
    } else {
      const result = await erasePerson({ input: { ...subjectOf(typed), addToDoNotCall: doNotCall() } });
      setError(mutationProblem(result));
      started = dataOf(result.data?.erasePerson);
    }
    if (!started) return;
    setSubject('');
    setOpened(started.id);
    refetch({ requestPolicy: 'network-only' });
  };

  const openedRequest = () => requests.data?.personRequests.find((r) => r.id === opened());

  return (
    <section>
      <h1>Privacy requests</h1>
      <p class="hint">
        A person may ask for everything held about them, or for it to be erased. Requests are audited; the list shows
        who each is about only by a masked number or email.
      </p>
      <form class="card inline-form" onSubmit={submit} aria-label="Start a privacy request">
        <label>
          Request
          <select name="kind" value={kind()} onChange={(e) => setKind(e.currentTarget.value as 'export' | 'erasure')}>
            <option value="export">Export their data</option>
            <option value="erasure">Erase their data</option>
          </select>
        </label>
        <label>
          Phone number or email
          <input name="subject" value={subject()} onInput={(e) => setSubject(e.currentTarget.value)} required />
        </label>
        <Show when={kind() === 'erasure'}>
          <label class="checkbox">
            <input
              type="checkbox"
              name="addToDoNotCall"
              checked={doNotCall()}
              onChange={(e) => setDoNotCall(e.currentTarget.checked)}
            />
            Add the number to the do-not-call list
          </label>
        </Show>
        <button type="submit">
          {kind() === 'export' ? 'Start export' : confirming() ? 'Erase for good' : 'Erase'}
        </button>
        <Show when={confirming()}>
          <p class="hint" role="alert">
            Erasure cannot be undone: their transcripts, notes, analyses and workflow histories are deleted. Press again
            to confirm.
          </p>
        </Show>
      </form>
      <ErrorAlert message={error() || (requests.error && describeError(requests.error))} />

      <DataTable
        label="Privacy requests"
        columns={['Requested', 'Request', 'About', 'By', 'Status', 'Progress', '']}
        rows={requests.data?.personRequests ?? []}
        empty={requests.fetching ? 'Loading…' : 'No requests yet.'}
      >
        {(request) => (
          <tr>
            <td>{formatDateTime(request.createdAt)}</td>
            <td>{request.kind === 'EXPORT' ? 'Export' : 'Erasure'}</td>
            <td>{request.subjectHint}</td>
            <td>{request.requestedBy ?? '—'}</td>
            <td>
              {statusLabel(request.status)}
              <Show when={request.stage}>{(stage) => <span class="hint"> · {stage()}</span>}</Show>
            </td>
            <td>
              <ProgressBar
                done={request.status === 'COMPLETED' ? 1 : request.itemsDone}
                total={request.status === 'COMPLETED' ? 1 : (request.itemsTotal ?? 0)}
                label={`Progress of the ${request.kind.toLowerCase()}`}
              />
            </td>
            <td>
              <Show when={request.download}>
                {(link) => (
                  <a href={link().url} download="">
                    Download archive
                  </a>
                )}
              </Show>
              <Show when={request.receipt}>
                <button
                  type="button"
                  class="secondary"
                  onClick={() => setOpened(opened() === request.id ? null : request.id)}
                >
                  {opened() === request.id ? 'Hide receipt' : 'Receipt'}
                </button>
              </Show>
            </td>
          </tr>
        )}
      </DataTable>

      <Show when={openedRequest()?.receipt && openedRequest()}>{(request) => <Receipt request={request()} />}</Show>
    </section>
  );
}

/** What an erasure removed, where. */
function Receipt(props: { request: PersonRequestRow }) {
  const receipt = () => props.request.receipt!;
  const pg = () => receipt().postgres;
  const rows = () => [
    ['Calls anonymised', pg().callIds.length],
    ['Calls still in progress (not erased)', pg().activeCallIds.length],
    ['Transcript lines deleted', pg().transcriptLines],
    ['… of them with a sealed original', pg().transcriptOriginals],
    ['Notes deleted', pg().notes],
    ['QA scores cleared of details', pg().qaScores],
    ['Analyses cleared', pg().analyses],
    ['Escalations cleared of context', pg().escalationIds.length],
    ['Live events deleted', pg().liveEvents],
    ['Notifications deleted', pg().notifications],
    ['Webhook events deleted', pg().webhookEvents],
    ['Campaign contacts anonymised', pg().campaignContactIds.length],
    ['Earlier archives deleted', pg().exportIds.length],
    ['Weaviate objects', receipt().weaviateObjects],
    ['Workflow executions deleted', receipt().temporal.deleted.length],
    ['Workflow executions still running (kept)', receipt().temporal.running.length],
  ];
  return (
    <section class="card" aria-label="Erasure receipt">
      <h2>Receipt of the erasure of {props.request.subjectHint}</h2>
      <p class="hint">
        {receipt().addedToDoNotCall ? 'The number is on the do-not-call list.' : 'The do-not-call list is unchanged.'}
      </p>
      <table aria-label="What was removed">
        <tbody>
          <For each={rows()}>
            {([what, count]) => (
              <tr>
                <th scope="row">{what}</th>
                <td>{count}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <details>
        <summary>Ids</summary>
        <p>Calls: {pg().callIds.join(', ') || '—'}</p>
        <p>Workflows deleted: {receipt().temporal.deleted.join(', ') || '—'}</p>
      </details>
    </section>
  );
}
