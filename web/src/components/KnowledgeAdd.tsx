import { createMutation } from '@urql/solid';
import { createSignal, Show } from 'solid-js';
import { graphql } from '../gql/gql.ts';
import { dataOf, describeProblems, mutationProblem, UNREACHABLE } from '../graphql.ts';
import type { KnowledgeEntryRow } from '../knowledge.ts';
import { postGraphQLUpload } from '../upload.ts';
import { createOutcome, OutcomeMessage } from './Outcome.tsx';
import { ProgressBar } from './ProgressBar.tsx';

const UploadKnowledge = graphql(`
  mutation ConsoleUploadKnowledge($businessId: ID!, $file: File!, $input: UploadKnowledgeInput) {
    uploadKnowledgeDocument(businessId: $businessId, file: $file, input: $input) {
      __typename
      ... on MutationUploadKnowledgeDocumentSuccess { data { ...KnowledgeEntryFields } }
      ... on ValidationError { fieldErrors { message } }
      ... on Error { message }
    }
  }
`);
const CreateKnowledgeEntry = graphql(`
  mutation ConsoleCreateKnowledgeEntry($input: CreateKnowledgeEntryInput!) {
    createKnowledgeEntry(input: $input) {
      __typename
      ... on MutationCreateKnowledgeEntrySuccess { data { ...KnowledgeEntryFields } }
      ... on Error { message }
    }
  }
`);

/** The kinds of file the knowledge base reads (it tells them apart by their bytes, not their names). */
const ACCEPTED_FILES = '.pdf,.docx,.html,.htm,.md,.markdown,.txt';
const PROCESSING = 'it is being read and indexed now; its status below follows along.';

/** The optional metadata of a new entry, as filled into its form; blank fields are left out. */
function metaOf(form: HTMLFormElement) {
  const data = new FormData(form);
  const field = (name: string) => String(data.get(name) ?? '').trim() || undefined;
  return { title: field('title'), vendor: field('vendor'), docType: field('docType') };
}

function MetaFields() {
  return (
    <div class="inline-form">
      <label>
        Title
        <input name="title" placeholder="Optional: the document's own" />
      </label>
      <label>
        Vendor
        <input name="vendor" placeholder="Optional: Twilio, OpenAI, …" />
      </label>
      <label>
        Doc type
        <input name="docType" placeholder="Optional: guide, api_reference, …" />
      </label>
    </div>
  );
}

/** Adding knowledge to a business: a file upload (with its progress), or text or a URL. */
export function KnowledgeAdd(props: { businessId: string; onAdded: (entry: KnowledgeEntryRow) => void }) {
  return (
    <section class="card knowledge-add" aria-label="Add knowledge">
      <UploadForm businessId={props.businessId} onAdded={props.onAdded} />
      <AddEntryForm businessId={props.businessId} onAdded={props.onAdded} />
    </section>
  );
}

function UploadForm(props: { businessId: string; onAdded: (entry: KnowledgeEntryRow) => void }) {
  const outcome = createOutcome();
  const [upload, setUpload] = createSignal<{ name: string; sent: number } | null>(null);
  const [sending, setSending] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const file = (form.elements.namedItem('file') as HTMLInputElement).files?.[0];
    if (!file) return outcome.report('Choose a file first.');
    outcome.clear();
    setUpload({ name: file.name, sent: 0 });
    setSending(true);
    const response = await postGraphQLUpload(
      UploadKnowledge,
      { businessId: props.businessId, input: metaOf(form) },
      file,
      (sent) => setUpload({ name: file.name, sent }),
    ).catch(() => null);
    setSending(false);
    const result = response?.data?.uploadKnowledgeDocument;
    if (result?.__typename === 'MutationUploadKnowledgeDocumentSuccess') {
      props.onAdded(result.data);
      form.reset();
      return outcome.report('', `Uploaded ${file.name}: ${PROCESSING}`);
    }
    setUpload(null);
    if (!response) return outcome.report(UNREACHABLE);
    // The reasons a file was refused say what is wrong with it (unsupported, unreadable).
    const reasons = result?.__typename === 'ValidationError' ? result.fieldErrors.map((e) => e.message).join(' ') : '';
    outcome.report(reasons || result?.message || describeProblems(response.errors ?? []));
  };

  return (
    <form class="stack" aria-label="Upload a file" onSubmit={submit}>
      <h2>Upload a file</h2>
      <p class="hint">PDF, Word (.docx), HTML, Markdown or plain text.</p>
      <label>
        File
        <input type="file" name="file" accept={ACCEPTED_FILES} required />
      </label>
      <MetaFields />
      <div class="button-row">
        <button type="submit" disabled={sending()}>
          {sending() ? 'Uploading…' : 'Upload'}
        </button>
      </div>
      <Show when={upload()}>
        {(u) => (
          <div class="upload-progress">
            <span class="muted">{u().name}</span>
            <ProgressBar done={u().sent} total={1} label="Upload progress" testId="upload-progress" />
          </div>
        )}
      </Show>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}

function AddEntryForm(props: { businessId: string; onAdded: (entry: KnowledgeEntryRow) => void }) {
  const [, createEntry] = createMutation(CreateKnowledgeEntry);
  const outcome = createOutcome();
  const [kind, setKind] = createSignal<'text' | 'url'>('text');
  const [saving, setSaving] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const content = String(new FormData(form).get(kind()) ?? '');
    setSaving(true);
    const result = await createEntry({
      input: { businessId: props.businessId, ...metaOf(form), [kind()]: kind() === 'url' ? content.trim() : content },
    });
    setSaving(false);
    const entry = dataOf(result.data?.createKnowledgeEntry);
    if (entry) {
      props.onAdded(entry);
      form.reset();
    }
    outcome.report(mutationProblem(result), `Added: ${PROCESSING}`);
  };

  return (
    <form class="stack" aria-label="Add from text or a URL" onSubmit={submit}>
      <h2>Add from text or a URL</h2>
      <fieldset class="choices">
        <legend>Content</legend>
        <label class="check">
          <input type="radio" name="kind" checked={kind() === 'text'} onChange={() => setKind('text')} />
          Text
        </label>
        <label class="check">
          <input type="radio" name="kind" checked={kind() === 'url'} onChange={() => setKind('url')} />
          URL
        </label>
      </fieldset>
      <Show
        when={kind() === 'url'}
        fallback={
          <label>
            Text (Markdown or plain)
            <textarea name="text" rows={5} required />
          </label>
        }
      >
        <label>
          URL of a page or file
          <input type="url" name="url" placeholder="https://example.com/help/returns" required />
        </label>
      </Show>
      <MetaFields />
      <div class="button-row">
        <button type="submit" disabled={saving()}>
          {saving() ? 'Adding…' : 'Add'}
        </button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}
