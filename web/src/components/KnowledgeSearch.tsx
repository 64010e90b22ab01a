import type { ResultOf } from '@graphql-typed-document-node/core';
import { A } from '@solidjs/router';
import { useClient } from '@urql/solid';
import { createEffect, createSignal, For, on, Show } from 'solid-js';
import { graphql } from '../gql/gql.ts';
import { dataOf, describeError, messageOf } from '../graphql.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

const KnowledgeHitFields = graphql(`
  fragment KnowledgeHitFields on KnowledgeHit { chunkId entryId title heading text sourceUrl score }
`);
type KnowledgeHit = ResultOf<typeof KnowledgeHitFields>;

const SearchKnowledge = graphql(`
  query ConsoleSearchKnowledge(
    $businessId: ID!
    $query: String!
    $limit: Int!
    $alpha: Float!
    $minScore: Float
    $rerank: Boolean!
    $filter: KnowledgeSearchFilter
  ) {
    searchKnowledge(
      businessId: $businessId
      query: $query
      limit: $limit
      alpha: $alpha
      minScore: $minScore
      rerank: $rerank
      filter: $filter
    ) {
      __typename
      ... on QuerySearchKnowledgeSuccess { data { ...KnowledgeHitFields } }
      ... on Error { message }
    }
  }
`);

/** Tries questions against a business's knowledge as the voice agent would ask them, with every search setting at hand. */
export function KnowledgeSearch(props: { businessId: string }) {
  const client = useClient();
  const [alpha, setAlpha] = createSignal(0.5);
  const [hits, setHits] = createSignal<KnowledgeHit[] | null>(null);
  const [searching, setSearching] = createSignal(false);
  const [problem, setProblem] = createSignal('');
  createEffect(
    on(
      () => props.businessId,
      () => setHits(null),
      { defer: true },
    ),
  );

  const search = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const field = (name: string) => String(data.get(name) ?? '').trim();
    const minScore = field('minScore');
    const filter = { vendor: field('vendor') || undefined, docType: field('docType') || undefined };
    const businessId = props.businessId;
    setSearching(true);
    const result = await client
      .query(
        SearchKnowledge,
        {
          businessId,
          query: field('query'),
          limit: Number(field('limit')),
          alpha: alpha(),
          minScore: minScore ? Number(minScore) : null,
          rerank: data.get('rerank') === 'on',
          filter,
        },
        { requestPolicy: 'network-only' },
      )
      .toPromise();
    setSearching(false);
    if (businessId !== props.businessId) return;
    const found = dataOf(result.data?.searchKnowledge);
    setProblem(
      found
        ? ''
        : result.error
          ? describeError(result.error)
          : (messageOf(result.data?.searchKnowledge) ?? 'The search failed.'),
    );
    setHits(found ?? null);
  };

  return (
    <section class="card" aria-label="Search playground">
      <form class="stack" aria-label="Search the knowledge" onSubmit={search}>
        <label>
          Question
          <input type="search" name="query" placeholder="When are you open on Saturday?" required />
        </label>
        <div class="inline-form">
          <label>
            <span>
              Keywords ↔ vectors (alpha){' '}
              <output class="alpha" data-testid="alpha-value">
                {alpha().toFixed(2)}
              </output>
            </span>
            <input
              type="range"
              name="alpha"
              min="0"
              max="1"
              step="0.05"
              value={alpha()}
              onInput={(e) => setAlpha(Number(e.currentTarget.value))}
            />
            <span class="range-ends">
              <span>0 keywords</span>
              <span>1 vectors</span>
            </span>
          </label>
          <label>
            Results
            <input type="number" name="limit" min="1" max="50" value="5" required class="narrow" />
          </label>
          <label>
            Minimum score
            <input type="number" name="minScore" min="0" step="any" placeholder="Any" class="narrow" />
          </label>
          <label>
            Vendor
            <input name="vendor" placeholder="Any" />
          </label>
          <label>
            Doc type
            <input name="docType" placeholder="Any" />
          </label>
          <label class="check">
            <input type="checkbox" name="rerank" checked />
            Rerank
          </label>
          <button type="submit" disabled={searching()}>
            {searching() ? 'Searching…' : 'Search'}
          </button>
        </div>
      </form>
      <ErrorAlert message={problem()} />
      <Show when={hits()}>
        {(list) => (
          <ol class="hits" data-testid="search-hits">
            <For each={list()} fallback={<li class="muted">Nothing found.</li>}>
              {(hit) => (
                <li data-testid="search-hit" data-entry-id={hit.entryId}>
                  <p class="hit-head">
                    <span class="badge score" data-testid="hit-score" title="Score">
                      {hit.score === null ? '–' : hit.score.toFixed(3)}
                    </span>
                    <strong>{hit.title}</strong>
                    <span class="muted" data-testid="hit-heading">
                      {hit.heading}
                    </span>
                  </p>
                  <p class="hit-text">{hit.text}</p>
                  <p class="muted" data-testid="hit-source">
                    Source:{' '}
                    <Show when={hit.sourceUrl} fallback={<A href={`/knowledge/${hit.entryId}`}>{hit.title}</A>}>
                      {(url) => (
                        <a href={url()} target="_blank" rel="noreferrer">
                          {url()}
                        </a>
                      )}
                    </Show>
                  </p>
                </li>
              )}
            </For>
          </ol>
        )}
      </Show>
    </section>
  );
}
