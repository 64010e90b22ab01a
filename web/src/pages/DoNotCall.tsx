import type { ResultOf } from '@graphql-typed-document-node/core';
import { createMutation, createQuery } from '@urql/solid';
import { createSignal, onCleanup, Show } from 'solid-js';
import { fieldError } from '../campaigns.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { FormField } from '../components/FormField.tsx';
import { formatDateTime, statusLabel } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import { describeError, mutationProblem } from '../graphql.ts';
import { can, useViewer } from '../viewer.tsx';

const DoNotCallFields = graphql(`
  fragment DoNotCallFields on DoNotCallEntry { id phoneNumber reason source addedBy callId createdAt }
`);
type Entry = ResultOf<typeof DoNotCallFields>;
/** How long typing must pause before the list is searched. */
const SEARCH_PAUSE_MS = 250;

const DoNotCallQuery = graphql(`
  query ConsoleDoNotCall($search: String, $first: Int!) {
    doNotCallEntries(search: $search, first: $first) { totalCount nodes { ...DoNotCallFields } }
  }
`);
const AddDoNotCall = graphql(`
  mutation ConsoleAddDoNotCall($input: AddDoNotCallInput!) {
    addDoNotCall(input: $input) {
      __typename
      ... on MutationAddDoNotCallSuccess { data { ...DoNotCallFields } }
      ... on ValidationError { message fieldErrors { field message } }
    }
  }
`);
const UpdateDoNotCall = graphql(`
  mutation ConsoleUpdateDoNotCall($id: ID!, $reason: String) {
    updateDoNotCall(id: $id, reason: $reason) {
      __typename ... on MutationUpdateDoNotCallSuccess { data { ...DoNotCallFields } } ... on Error { message }
    }
  }
`);
const RemoveDoNotCall = graphql(`
  mutation ConsoleRemoveDoNotCall($id: ID!) {
    removeDoNotCall(id: $id) {
      __typename ... on MutationRemoveDoNotCallSuccess { data { id } } ... on Error { message }
    }
  }
`);

const SHOWN = 100;

/** The organisation's do-not-call list: searched by number or reason; numbers added, reasons edited, numbers removed. */
export function DoNotCall() {
  const viewer = useViewer();
  const manage = () => can(viewer, 'DNC_MANAGE');
  // The list is searched once typing pauses, not on every keystroke.
  const [typed, setTyped] = createSignal('');
  const [search, setSearch] = createSignal('');
  let typing: ReturnType<typeof setTimeout> | undefined;
  const type = (value: string) => {
    setTyped(value);
    clearTimeout(typing);
    typing = setTimeout(() => setSearch(value), SEARCH_PAUSE_MS);
  };
  onCleanup(() => clearTimeout(typing));
  const [list] = createQuery({
    query: DoNotCallQuery,
    variables: () => ({ search: search().trim() || null, first: SHOWN }),
    context: { additionalTypenames: ['DoNotCallEntry'] },
  });
  const [, add] = createMutation(AddDoNotCall);
  const [, remove] = createMutation(RemoveDoNotCall);
  const [phoneNumber, setPhoneNumber] = createSignal('');
  const [reason, setReason] = createSignal('');
  const [errors, setErrors] = createSignal<{ field: string; message: string }[]>([]);
  const [problem, setProblem] = createSignal('');
  const [editing, setEditing] = createSignal<string | null>(null);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const result = await add({ input: { phoneNumber: phoneNumber().trim(), reason: reason().trim() || null } });
    const outcome = result.data?.addDoNotCall;
    setErrors(outcome?.__typename === 'ValidationError' ? outcome.fieldErrors : []);
    setProblem(errors().length ? '' : mutationProblem(result));
    if (outcome?.__typename !== 'MutationAddDoNotCallSuccess') return;
    setPhoneNumber('');
    setReason('');
  };

  return (
    <section>
      <h1>Do not call</h1>
      <p class="hint">
        Numbers no campaign of the organisation calls. Campaigns check the list when they dial, so a number added now is
        not called again; callees who ask during a call are added on their own.
      </p>
      <ErrorAlert message={list.error ? describeError(list.error) : problem()} />
      <Show when={manage()}>
        <form class="card inline-form" aria-label="Add a number" onSubmit={submit}>
          <FormField label="Number" error={fieldError(errors(), 'phoneNumber')}>
            <input
              name="phoneNumber"
              placeholder="+14155550100"
              value={phoneNumber()}
              onInput={(e) => setPhoneNumber(e.currentTarget.value)}
              required
            />
          </FormField>
          <FormField label="Reason" error={fieldError(errors(), 'reason')}>
            <input name="reason" value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
          </FormField>
          <button type="submit">Add number</button>
        </form>
      </Show>
      <div class="inline-form">
        <label>
          Search
          <input
            type="search"
            name="search"
            placeholder="Part of the number or the reason"
            value={typed()}
            onInput={(e) => type(e.currentTarget.value)}
          />
        </label>
        <span class="muted" data-testid="dnc-total">
          {list.data?.doNotCallEntries.totalCount ?? 0} numbers
        </span>
      </div>
      <DataTable
        label="Do-not-call list"
        columns={['Number', 'Reason', 'Source', 'Added by', 'When', '']}
        rows={list.data?.doNotCallEntries.nodes ?? []}
        empty={list.fetching ? 'Loading…' : search() ? 'No number matches.' : 'The list is empty.'}
      >
        {(entry) => (
          <tr data-phone={entry.phoneNumber}>
            <td>{entry.phoneNumber}</td>
            <td data-testid="dnc-reason">
              <Show when={editing() === entry.id} fallback={entry.reason ?? '–'}>
                <ReasonEditor entry={entry} onDone={() => setEditing(null)} />
              </Show>
            </td>
            <td>{statusLabel(entry.source)}</td>
            <td>{entry.addedBy ?? '–'}</td>
            <td>{formatDateTime(entry.createdAt)}</td>
            <td class="actions">
              <Show when={manage() && editing() !== entry.id}>
                <button type="button" class="secondary" onClick={() => setEditing(entry.id)}>
                  Edit reason
                </button>
                <button
                  type="button"
                  class="secondary"
                  onClick={async () => setProblem(mutationProblem(await remove({ id: entry.id })))}
                >
                  Remove
                </button>
              </Show>
            </td>
          </tr>
        )}
      </DataTable>
    </section>
  );
}

function ReasonEditor(props: { entry: Entry; onDone: () => void }) {
  const [, update] = createMutation(UpdateDoNotCall);
  const [reason, setReason] = createSignal(props.entry.reason ?? '');
  const [problem, setProblem] = createSignal('');
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const why = mutationProblem(await update({ id: props.entry.id, reason: reason().trim() || null }));
    setProblem(why);
    if (!why) props.onDone();
  };
  return (
    <form class="inline-form" aria-label={`Reason for ${props.entry.phoneNumber}`} onSubmit={save}>
      <input name="reason" aria-label="Reason" value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
      <button type="submit">Save</button>
      <button type="button" class="secondary" onClick={props.onDone}>
        Cancel
      </button>
      <ErrorAlert message={problem()} />
    </form>
  );
}
