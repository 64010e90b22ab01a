import type { ResultOf } from '@graphql-typed-document-node/core';
import { createMutation } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { formatDateTime } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import type { CallNoteInput } from '../gql/graphql.ts';
import { dataOf, mutationProblem } from '../graphql.ts';
import { can, useViewer } from '../viewer.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';

const CallNoteFields = graphql(`
  fragment CallNoteFields on CallNote { id body sensitive category tags createdAt updatedAt author { id displayName } }
`);
export type CallNote = ResultOf<typeof CallNoteFields>;

const AddCallNote = graphql(`
  mutation ConsoleAddCallNote($callId: ID!, $input: CallNoteInput!) {
    addCallNote(callId: $callId, input: $input) {
      __typename
      ... on MutationAddCallNoteSuccess { data { ...CallNoteFields } }
      ... on Error { message }
    }
  }
`);
const UpdateCallNote = graphql(`
  mutation ConsoleUpdateCallNote($id: ID!, $input: CallNoteInput!) {
    updateCallNote(id: $id, input: $input) {
      __typename
      ... on MutationUpdateCallNoteSuccess { data { ...CallNoteFields } }
      ... on Error { message }
    }
  }
`);
const DeleteCallNote = graphql(`
  mutation ConsoleDeleteCallNote($id: ID!) {
    deleteCallNote(id: $id) { __typename ... on Error { message } }
  }
`);

const tagsOf = (text: string) => [...new Set(text.split(',').map((tag) => tag.trim()))].filter(Boolean);

/** Writes a note or changes one; answers why not, or '' once saved. */
function NoteForm(props: {
  label: string;
  submitLabel: string;
  note?: CallNote;
  save: (input: CallNoteInput) => Promise<string>;
  cancel?: () => void;
}) {
  const [body, setBody] = createSignal(props.note?.body ?? '');
  const [category, setCategory] = createSignal(props.note?.category ?? '');
  const [tags, setTags] = createSignal(props.note?.tags.join(', ') ?? '');
  const [sensitive, setSensitive] = createSignal(props.note?.sensitive ?? false);
  const [error, setError] = createSignal('');
  const [saving, setSaving] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setSaving(true);
    const problem = await props.save({
      body: body(),
      category: category().trim() || null,
      tags: tagsOf(tags()),
      sensitive: sensitive(),
    });
    setSaving(false);
    setError(problem);
    if (problem || props.note) return;
    setBody('');
    setCategory('');
    setTags('');
    setSensitive(false);
  };

  return (
    <form class="stack note-form" aria-label={props.label} onSubmit={submit}>
      <label>
        Note
        <textarea name="body" rows={3} value={body()} onInput={(e) => setBody(e.currentTarget.value)} required />
      </label>
      <div class="inline-form">
        <label>
          Category
          <input
            name="category"
            placeholder="Optional"
            value={category()}
            onInput={(e) => setCategory(e.currentTarget.value)}
          />
        </label>
        <label>
          Tags
          <input
            name="tags"
            placeholder="Comma-separated"
            value={tags()}
            onInput={(e) => setTags(e.currentTarget.value)}
          />
        </label>
      </div>
      <label class="checkbox" title="The note is sealed at rest with the organisation’s key">
        <input
          type="checkbox"
          name="sensitive"
          checked={sensitive()}
          onChange={(e) => setSensitive(e.currentTarget.checked)}
        />
        Holds personal data (sealed at rest)
      </label>
      <div class="button-row">
        <button type="submit" disabled={saving()}>
          {saving() ? 'Saving…' : props.submitLabel}
        </button>
        <Show when={props.cancel}>
          {(cancel) => (
            <button type="button" class="secondary" onClick={cancel()}>
              Cancel
            </button>
          )}
        </Show>
      </div>
      <ErrorAlert message={error()} />
    </form>
  );
}

/** A call's notes: everyone reads them; note writers add them, and change or remove them. */
export function CallNotes(props: { callId: string; notes: CallNote[]; onChange: (notes: CallNote[]) => void }) {
  const viewer = useViewer();
  const [, addNote] = createMutation(AddCallNote);
  const [, updateNote] = createMutation(UpdateCallNote);
  const [, deleteNote] = createMutation(DeleteCallNote);
  const [editing, setEditing] = createSignal<string | null>(null);
  const [confirming, setConfirming] = createSignal<string | null>(null);
  const [problem, setProblem] = createSignal<{ noteId: string; message: string } | null>(null);
  const writer = () => can(viewer, 'NOTES_WRITE');
  const mine = (note: CallNote) => note.author !== null && note.author.id === viewer.user?.id;

  const add = async (input: CallNoteInput) => {
    const result = await addNote({ callId: props.callId, input });
    const note = dataOf(result.data?.addCallNote);
    if (note) props.onChange([...props.notes, note]);
    return mutationProblem(result);
  };

  const update = async (id: string, input: CallNoteInput) => {
    const result = await updateNote({ id, input });
    const note = dataOf(result.data?.updateCallNote);
    if (note) {
      props.onChange(props.notes.map((n) => (n.id === id ? note : n)));
      setEditing(null);
    }
    return mutationProblem(result);
  };

  const remove = async (id: string) => {
    setConfirming(null);
    const message = mutationProblem(await deleteNote({ id }));
    setProblem(message ? { noteId: id, message } : null);
    if (!message) props.onChange(props.notes.filter((n) => n.id !== id));
  };

  return (
    <section class="card" aria-label="Notes">
      <h2>Notes</h2>
      <ul class="notes">
        <For each={props.notes} fallback={<li class="muted">No notes yet.</li>}>
          {(note) => (
            <li data-testid="call-note" data-note-id={note.id}>
              <Show
                when={editing() === note.id}
                fallback={
                  <>
                    <p class="note-body">{note.body}</p>
                    <p class="note-meta">
                      <Show when={note.sensitive}>
                        <span class="badge" data-testid="note-sensitive" title="Sealed at rest">
                          Personal data
                        </span>
                      </Show>
                      <Show when={note.category}>
                        <span class="badge" data-testid="note-category">
                          {note.category}
                        </span>
                      </Show>
                      <For each={note.tags}>{(tag) => <span class="badge tag">#{tag}</span>}</For>
                      <span class="muted">
                        {note.author?.displayName ?? 'API key'} · {formatDateTime(note.createdAt)}
                        {note.updatedAt !== note.createdAt ? ' (edited)' : ''}
                      </span>
                    </p>
                    <Show when={writer()}>
                      <p class="actions">
                        <Show when={mine(note)}>
                          <button type="button" class="secondary" onClick={() => setEditing(note.id)}>
                            Edit
                          </button>
                        </Show>
                        <Show
                          when={confirming() === note.id}
                          fallback={
                            <button type="button" class="secondary" onClick={() => setConfirming(note.id)}>
                              Delete
                            </button>
                          }
                        >
                          <span class="confirm">Delete this note?</span>
                          <button type="button" class="danger" onClick={() => remove(note.id)}>
                            Delete note
                          </button>
                          <button type="button" class="secondary" onClick={() => setConfirming(null)}>
                            Cancel
                          </button>
                        </Show>
                      </p>
                    </Show>
                    <ErrorAlert message={problem()?.noteId === note.id && problem()?.message} />
                  </>
                }
              >
                <NoteForm
                  label="Edit note"
                  submitLabel="Save note"
                  note={note}
                  save={(input) => update(note.id, input)}
                  cancel={() => setEditing(null)}
                />
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={writer()}>
        <NoteForm label="Add a note" submitLabel="Add note" save={add} />
      </Show>
    </section>
  );
}
