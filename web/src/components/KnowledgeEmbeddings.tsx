import { createMutation, useClient } from '@urql/solid';
import { createEffect, createSignal, on, onCleanup, Show } from 'solid-js';
import { graphql } from '../gql/gql.ts';
import { dataOf, describeError, messageOf, mutationProblem } from '../graphql.ts';
import { can, useViewer } from '../viewer.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { ProgressBar } from './ProgressBar.tsx';

const ReindexFields = graphql(`
  fragment KnowledgeReindexFields on KnowledgeReindex {
    embedder
    staleChunks
    status
    totalChunks
    reembeddedChunks
  }
`);

const ReindexQuery = graphql(`
  query ConsoleKnowledgeReindex($businessId: ID!) {
    knowledgeReindex(businessId: $businessId) {
      __typename
      ... on QueryKnowledgeReindexSuccess { data { ...KnowledgeReindexFields } }
      ... on Error { message }
    }
  }
`);

const Reindex = graphql(`
  mutation ConsoleReindexKnowledge($businessId: ID!) {
    reindexKnowledge(businessId: $businessId) {
      __typename
      ... on MutationReindexKnowledgeSuccess { data { ...KnowledgeReindexFields } }
      ... on Error { message }
    }
  }
`);

interface ReindexState {
  embedder: string;
  staleChunks: number;
  status: string;
  totalChunks?: number | null;
  reembeddedChunks?: number | null;
}

/** While a reindex runs its progress is read this often. */
const POLL_MS = 2_000;

const STATUS_TEXT: Record<string, string> = {
  current: 'Up to date: every chunk carries this embedder’s vectors.',
  running: 'Re-embedding the chunks another embedder wrote…',
  pending: 'Some chunks carry another embedder’s vectors; they are re-embedded when the worker next checks.',
};

/**
 * The business's embeddings: which embedder the knowledge uses, chunks still carrying another's
 * vectors, and the reindex workflow's progress (read again every few seconds while it runs).
 */
export function KnowledgeEmbeddings(props: { businessId: string }) {
  const client = useClient();
  const viewer = useViewer();
  const [state, setState] = createSignal<ReindexState>();
  const [problem, setProblem] = createSignal('');
  const [, reindex] = createMutation(Reindex);
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));

  const show = (next: ReindexState | undefined, businessId: string) => {
    if (businessId !== props.businessId) return;
    setState(next);
    clearTimeout(timer);
    if (next?.status === 'running') timer = setTimeout(() => load(businessId), POLL_MS);
  };
  const load = async (businessId: string) => {
    const result = await client.query(ReindexQuery, { businessId }, { requestPolicy: 'network-only' }).toPromise();
    const data = dataOf(result.data?.knowledgeReindex) as ReindexState | undefined;
    if (!data) {
      setProblem(result.error ? describeError(result.error) : (messageOf(result.data?.knowledgeReindex) ?? ''));
      return;
    }
    setProblem('');
    show(data, businessId);
  };
  createEffect(on(() => props.businessId, load));

  const start = async () => {
    const businessId = props.businessId;
    const result = await reindex({ businessId });
    const failure = mutationProblem(result);
    setProblem(failure);
    if (!failure) show(dataOf(result.data?.reindexKnowledge) as ReindexState | undefined, businessId);
  };

  return (
    <section class="card" aria-label="Embeddings" data-testid="knowledge-embeddings">
      <ErrorAlert message={problem()} />
      <Show when={state()}>
        {(s) => (
          <>
            <p>
              Embedder <code data-testid="knowledge-embedder">{s().embedder}</code>
              {' · '}
              <span data-testid="knowledge-reindex-status">{STATUS_TEXT[s().status] ?? s().status}</span>
            </p>
            <Show when={s().status === 'running' && s().totalChunks}>
              <ProgressBar
                label="Re-embedding"
                done={s().reembeddedChunks ?? 0}
                total={s().totalChunks ?? 0}
                testId="knowledge-reindex-progress"
              />
              <p class="hint">
                {s().reembeddedChunks ?? 0} of {s().totalChunks} chunks re-embedded
              </p>
            </Show>
            <Show when={s().status === 'pending' && can(viewer, 'KNOWLEDGE_WRITE')}>
              <p class="hint">{s().staleChunks} chunks to re-embed.</p>
              <button type="button" class="secondary" onClick={start}>
                Re-embed now
              </button>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
