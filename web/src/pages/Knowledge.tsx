import { A } from '@solidjs/router';
import { createMutation, useClient } from '@urql/solid';
import { createEffect, createSignal, on, onCleanup, Show } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import { liveReconnects } from '../client.ts';
import { BusinessPicker, createBusinessChoice } from '../components/BusinessPicker.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { KnowledgeAdd } from '../components/KnowledgeAdd.tsx';
import { KnowledgeEmbeddings } from '../components/KnowledgeEmbeddings.tsx';
import { KnowledgeSearch } from '../components/KnowledgeSearch.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { formatDateTime } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import { dataOf, describeError, messageOf, mutationProblem } from '../graphql.ts';
import {
  DeleteKnowledgeEntry,
  KnowledgeEntryChanged,
  type KnowledgeEntryRow,
  mergeEntry,
  ReindexKnowledgeEntry,
  sourceLabel,
} from '../knowledge.ts';
import { can, useViewer } from '../viewer.tsx';

/** The most entries the list shows, newest first (the API's default page). */
const ENTRY_LIMIT = 100;

const EntriesQuery = graphql(`
  query ConsoleKnowledgeEntries($businessId: ID!, $first: Int!) {
    knowledgeEntries(businessId: $businessId, first: $first) {
      __typename
      ... on QueryKnowledgeEntriesSuccess { data { ...KnowledgeEntryFields } }
      ... on Error { message }
    }
  }
`);

/** A business's knowledge: its documents with their processing status (live), adding them, and a search playground. */
export function Knowledge() {
  const client = useClient();
  const viewer = useViewer();
  const choice = createBusinessChoice();
  const [entries, setEntries] = createStore<KnowledgeEntryRow[]>([]);
  const [loading, setLoading] = createSignal(false);
  const [problem, setProblem] = createSignal('');
  const place = (entry: KnowledgeEntryRow) => setEntries(produce((list) => mergeEntry(list, entry)));

  /** The business's entries; states heard live meanwhile are kept when newer, entries deleted meanwhile go. */
  const load = async (businessId: string) => {
    setLoading(true);
    const result = await client
      .query(EntriesQuery, { businessId, first: ENTRY_LIMIT }, { requestPolicy: 'network-only' })
      .toPromise();
    if (businessId !== choice.businessId()) return; // another business was chosen meanwhile
    setLoading(false);
    const fetched = dataOf(result.data?.knowledgeEntries);
    if (!fetched) {
      setProblem(
        result.error
          ? describeError(result.error)
          : (messageOf(result.data?.knowledgeEntries) ?? 'Could not load the knowledge entries.'),
      );
      return;
    }
    setProblem('');
    const ids = new Set(fetched.map((e) => e.id));
    setEntries(
      produce((list) => {
        for (let i = list.length - 1; i >= 0; i--) if (!ids.has(list[i]?.id ?? '')) list.splice(i, 1);
        for (const entry of fetched) mergeEntry(list, entry);
      }),
    );
  };

  let subscription: { unsubscribe(): void } | undefined;
  onCleanup(() => subscription?.unsubscribe());
  createEffect(
    on(choice.businessId, (businessId) => {
      subscription?.unsubscribe();
      subscription = undefined;
      setEntries([]);
      if (!businessId) return;
      subscription = client.subscription(KnowledgeEntryChanged, { businessId }).subscribe((result) => {
        if (result.error) setProblem(describeError(result.error));
        const entry = result.data?.knowledgeEntryChanged;
        if (entry) place(entry);
      });
      load(businessId);
    }),
  );
  // Changes made while the live connection was down are fetched instead.
  createEffect(on(liveReconnects, () => choice.businessId() && load(choice.businessId()), { defer: true }));

  return (
    <section>
      <h1>Knowledge</h1>
      <p class="hint">
        The documents the voice agent answers from. Each is split into chunks and indexed for search; its status follows
        along live.
      </p>
      <div class="inline-form picker">
        <BusinessPicker choice={choice} />
      </div>
      <Show
        when={choice.businessId()}
        fallback={<p class="muted">{choice.loaded() ? 'Create a business first.' : 'Loading…'}</p>}
      >
        {(businessId) => (
          <>
            <Show when={can(viewer, 'KNOWLEDGE_WRITE')}>
              <KnowledgeAdd businessId={businessId()} onAdded={place} />
            </Show>
            <h2 class="section-title">Entries</h2>
            <ErrorAlert message={problem()} />
            <DataTable
              label="Knowledge entries"
              columns={['Title', 'Source', 'Vendor', 'Doc type', 'Status', 'Chunks', 'Indexed', '']}
              rows={entries}
              empty={loading() ? 'Loading…' : 'No knowledge yet.'}
            >
              {(entry) => (
                <EntryRow
                  entry={entry}
                  onChange={place}
                  onDelete={() => setEntries((list) => list.filter((e) => e.id !== entry.id))}
                  onProblem={setProblem}
                />
              )}
            </DataTable>
            <Show when={entries.length >= ENTRY_LIMIT}>
              <p class="hint">The newest {ENTRY_LIMIT} entries are shown.</p>
            </Show>
            <h2 class="section-title">Embeddings</h2>
            <KnowledgeEmbeddings businessId={businessId()} />
            <h2 class="section-title">Search playground</h2>
            <KnowledgeSearch businessId={businessId()} />
          </>
        )}
      </Show>
    </section>
  );
}

function EntryRow(props: {
  entry: KnowledgeEntryRow;
  onChange: (entry: KnowledgeEntryRow) => void;
  onDelete: () => void;
  onProblem: (message: string) => void;
}) {
  const viewer = useViewer();
  const [, reindexEntry] = createMutation(ReindexKnowledgeEntry);
  const [, deleteEntry] = createMutation(DeleteKnowledgeEntry);
  const [confirming, setConfirming] = createSignal(false);
  const [busy, setBusy] = createSignal(false);

  const reindex = async () => {
    setBusy(true);
    const result = await reindexEntry({ id: props.entry.id });
    setBusy(false);
    const entry = dataOf(result.data?.reindexKnowledgeEntry);
    if (entry) props.onChange(entry);
    props.onProblem(mutationProblem(result));
  };
  const remove = async () => {
    setConfirming(false);
    setBusy(true);
    const problem = mutationProblem(await deleteEntry({ id: props.entry.id }));
    setBusy(false);
    props.onProblem(problem);
    if (!problem) props.onDelete();
  };

  return (
    <tr data-entry-id={props.entry.id} data-testid="knowledge-entry">
      <td>
        <A href={`/knowledge/${props.entry.id}`} data-testid="entry-link" title="Open the entry and its chunks">
          {props.entry.title || 'Untitled (being read)'}
        </A>
      </td>
      <td>
        <Show when={props.entry.sourceUrl} fallback={sourceLabel(props.entry.source)}>
          {(url) => (
            <a href={url()} target="_blank" rel="noreferrer" title={url()}>
              {sourceLabel(props.entry.source)}
            </a>
          )}
        </Show>
      </td>
      <td>{props.entry.vendor ?? '–'}</td>
      <td>{props.entry.docType ?? '–'}</td>
      <td>
        <StatusBadge status={props.entry.status} testId="knowledge-status" />
        <Show when={props.entry.status === 'FAILED' && props.entry.error}>
          <p class="error-detail" data-testid="knowledge-error">
            {props.entry.error}
          </p>
        </Show>
      </td>
      <td data-testid="chunk-count">{props.entry.chunkCount}</td>
      <td>{formatDateTime(props.entry.indexedAt, 'not yet')}</td>
      <td class="actions">
        <Show when={can(viewer, 'KNOWLEDGE_WRITE')}>
          <Show
            when={confirming()}
            fallback={
              <>
                <button type="button" class="secondary" disabled={busy()} onClick={reindex}>
                  Reindex
                </button>
                <button type="button" class="secondary" disabled={busy()} onClick={() => setConfirming(true)}>
                  Delete
                </button>
              </>
            }
          >
            <span class="confirm">Delete it and its chunks?</span>
            <button type="button" class="danger" onClick={remove}>
              Delete entry
            </button>
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </Show>
        </Show>
      </td>
    </tr>
  );
}
