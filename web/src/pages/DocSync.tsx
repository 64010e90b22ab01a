import { useClient } from '@urql/solid';
import { createEffect, createSignal, For, on, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { liveReconnects } from '../client.ts';
import { BusinessPicker, createBusinessChoice } from '../components/BusinessPicker.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { graphql } from '../gql/gql.ts';
import { dataOf, describeError, messageOf } from '../graphql.ts';
import { can, useViewer } from '../viewer.tsx';
import { AddSourceForm } from './doc-sync/AddSourceForm.tsx';
import type { DocSource } from './doc-sync/doc-sources.ts';
import { SourceCard } from './doc-sync/SourceCard.tsx';

const DocSyncsQuery = graphql(`
  query ConsoleDocSyncs($businessId: ID!) {
    docSyncs(businessId: $businessId) {
      __typename
      ... on QueryDocSyncsSuccess { data { ...DocSourceFields } }
      ... on Error { message }
    }
  }
`);

/** Documentation sites kept in a business's knowledge: each source's crawl, live, and its settings. */
export function DocSync() {
  const client = useClient();
  const viewer = useViewer();
  const choice = createBusinessChoice();
  const [sources, setSources] = createStore<DocSource[]>([]);
  const [loading, setLoading] = createSignal(false);
  const [problem, setProblem] = createSignal('');

  const load = async (businessId: string) => {
    setLoading(true);
    const result = await client.query(DocSyncsQuery, { businessId }, { requestPolicy: 'network-only' }).toPromise();
    if (businessId !== choice.businessId()) return; // another business was chosen meanwhile
    setLoading(false);
    const list = dataOf(result.data?.docSyncs);
    if (!list) {
      setProblem(
        result.error
          ? describeError(result.error)
          : (messageOf(result.data?.docSyncs) ?? 'Could not load the documentation sources.'),
      );
      return;
    }
    setProblem('');
    setSources(list);
  };
  /** Adds a source, or updates one shown in place (its card, with its live run, stays). */
  const replace = (source: DocSource) => {
    const index = sources.findIndex((s) => s.id === source.id);
    if (index >= 0) setSources(index, reconcile(source));
    else setSources(sources.length, source);
  };

  createEffect(
    on(choice.businessId, (businessId) => {
      setSources([]);
      if (businessId) load(businessId);
    }),
  );
  createEffect(on(liveReconnects, () => choice.businessId() && load(choice.businessId()), { defer: true }));

  return (
    <section>
      <h1>Doc sync</h1>
      <p class="hint">
        Keeps documentation sites in a business's knowledge: a sync crawls the site within its allowed prefixes, indexes
        new and changed pages and removes pages that are gone.
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
              <AddSourceForm businessId={businessId()} onAdded={replace} />
            </Show>
            <h2 class="section-title">Sources</h2>
            <ErrorAlert message={problem()} />
            <For
              each={sources}
              fallback={<p class="muted">{loading() ? 'Loading…' : 'No documentation sources yet.'}</p>}
            >
              {(source) => (
                <SourceCard
                  source={source}
                  onChange={replace}
                  onDelete={() => setSources((list) => list.filter((s) => s.id !== source.id))}
                />
              )}
            </For>
          </>
        )}
      </Show>
    </section>
  );
}
