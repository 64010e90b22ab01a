import type { ResultOf } from '@graphql-typed-document-node/core';
import { A, useParams } from '@solidjs/router';
import { createMutation, useClient } from '@urql/solid';
import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { liveReconnects } from '../client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { formatDateTime } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import { describeError, mutationProblem } from '../graphql.ts';
import { KnowledgeEntryChanged, ReindexKnowledgeEntry, sourceLabel } from '../knowledge.ts';
import { can, useViewer } from '../viewer.tsx';

const EntryQuery = graphql(`
  query ConsoleKnowledgeEntry($id: ID!) {
    knowledgeEntry(id: $id) {
      ...KnowledgeEntryFields business { id name } version tags chunks { chunkId heading text }
    }
  }
`);
type EntryDetails = NonNullable<ResultOf<typeof EntryQuery>['knowledgeEntry']>;

/** One knowledge entry: what it is, how its processing went (live), and the chunks the agent searches. */
export function KnowledgeDetail() {
  const params = useParams<{ id: string }>();
  const client = useClient();
  const viewer = useViewer();
  const [, reindexEntry] = createMutation(ReindexKnowledgeEntry);
  const [entry, setEntry] = createSignal<EntryDetails | null>(null);
  const [loading, setLoading] = createSignal(true);
  const [missing, setMissing] = createSignal(false);
  const [problem, setProblem] = createSignal('');

  const load = async (id: string) => {
    const result = await client.query(EntryQuery, { id }, { requestPolicy: 'network-only' }).toPromise();
    if (id !== params.id) return; // another entry was opened meanwhile
    setLoading(false);
    if (result.error) return setProblem(describeError(result.error));
    setProblem('');
    setMissing(!result.data?.knowledgeEntry);
    setEntry(result.data?.knowledgeEntry ?? null);
  };

  // Every status change of the entry brings new chunks (or an error): read it again.
  let subscription: { unsubscribe(): void } | undefined;
  onCleanup(() => subscription?.unsubscribe());
  createEffect(
    on(
      () => entry()?.business.id,
      (businessId) => {
        subscription?.unsubscribe();
        if (!businessId) return;
        subscription = client.subscription(KnowledgeEntryChanged, { businessId }).subscribe((result) => {
          if (result.error) setProblem(describeError(result.error));
          if (result.data?.knowledgeEntryChanged.id === params.id) load(params.id);
        });
      },
    ),
  );
  createEffect(
    on(
      () => params.id,
      (id) => {
        setEntry(null);
        setMissing(false);
        setLoading(true);
        load(id);
      },
    ),
  );
  createEffect(on(liveReconnects, () => load(params.id), { defer: true }));

  const reindex = async () => setProblem(mutationProblem(await reindexEntry({ id: params.id })));

  return (
    <section class="knowledge-detail">
      <p class="crumbs">
        <A href={entry() ? `/knowledge?business=${entry()?.business.id}` : '/knowledge'}>← Knowledge</A>
      </p>
      <ErrorAlert message={problem()} />
      <Show when={!missing()} fallback={<NotFound id={params.id} />}>
        <Show when={entry()} fallback={<p class="muted">{loading() ? 'Loading…' : ''}</p>}>
          {(e) => (
            <>
              <h1 class="title-row">
                <span data-testid="entry-title">{e().title || 'Untitled (being read)'}</span>
                <StatusBadge status={e().status} testId="knowledge-status" />
                <Show when={can(viewer, 'KNOWLEDGE_WRITE')}>
                  <button type="button" class="secondary" onClick={reindex}>
                    Reindex
                  </button>
                </Show>
              </h1>
              <Show when={e().status === 'FAILED' && e().error}>
                <p class="error" role="alert" data-testid="knowledge-error">
                  {e().error}
                </p>
              </Show>
              <dl class="card facts">
                <div>
                  <dt>Business</dt>
                  <dd>{e().business.name}</dd>
                </div>
                <div>
                  <dt>Source</dt>
                  <dd>
                    <Show when={e().sourceUrl} fallback={sourceLabel(e().source)}>
                      {(url) => (
                        <a href={url()} target="_blank" rel="noreferrer">
                          {url()}
                        </a>
                      )}
                    </Show>
                  </dd>
                </div>
                <div>
                  <dt>Vendor</dt>
                  <dd>{e().vendor ?? '–'}</dd>
                </div>
                <div>
                  <dt>Doc type</dt>
                  <dd>{e().docType ?? '–'}</dd>
                </div>
                <div>
                  <dt>Version</dt>
                  <dd>{e().version ?? '–'}</dd>
                </div>
                <div>
                  <dt>Tags</dt>
                  <dd>{e().tags.join(', ') || '–'}</dd>
                </div>
                <div>
                  <dt>Added</dt>
                  <dd>{formatDateTime(e().createdAt)}</dd>
                </div>
                <div>
                  <dt>Indexed</dt>
                  <dd>{formatDateTime(e().indexedAt, 'not yet')}</dd>
                </div>
              </dl>
              <section class="card" aria-label="Chunks">
                <h2>
                  Chunks{' '}
                  <span class="count" data-testid="chunk-count">
                    {e().chunks.length}
                  </span>
                </h2>
                <ol class="chunks">
                  <For
                    each={e().chunks}
                    fallback={
                      <li class="muted">
                        {e().status === 'FAILED' ? 'Nothing could be indexed.' : 'No chunks yet: it is being read.'}
                      </li>
                    }
                  >
                    {(chunk) => (
                      <li data-testid="knowledge-chunk" data-chunk-id={chunk.chunkId}>
                        <p class="chunk-heading">{chunk.heading}</p>
                        <p class="chunk-text">{chunk.text}</p>
                      </li>
                    )}
                  </For>
                </ol>
              </section>
            </>
          )}
        </Show>
      </Show>
    </section>
  );
}

function NotFound(props: { id: string }) {
  return (
    <section class="card" role="alert">
      <h1>Entry not found</h1>
      <p>There is no knowledge entry {props.id} in your organisation.</p>
    </section>
  );
}
