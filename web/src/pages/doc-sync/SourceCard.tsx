import { createMutation, useClient } from '@urql/solid';
import { createEffect, createSignal, on, onCleanup, Show } from 'solid-js';
import { createOutcome, OutcomeMessage } from '../../components/Outcome.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { graphql } from '../../gql/gql.ts';
import { dataOf, describeError, mutationProblem } from '../../graphql.ts';
import { can, useViewer } from '../../viewer.tsx';
import { type DocSource, type DocSyncRun, supersedes } from './doc-sources.ts';
import { RunProgress } from './RunProgress.tsx';
import { SourceSettings } from './SourceSettings.tsx';

const DocSyncQuery = graphql(`
  query ConsoleDocSync($source: ID!) { docSync(source: $source) { ...DocSourceFields } }
`);
const DocSyncProgress = graphql(`
  subscription ConsoleDocSyncProgress($source: ID!) { docSyncProgress(source: $source) { ...DocSyncRunFields } }
`);
const DeleteDocSource = graphql(`
  mutation ConsoleDeleteDocSource($id: ID!) { deleteDocSource(id: $id) { __typename ... on Error { message } } }
`);
const StartDocSync = graphql(`
  mutation ConsoleStartDocSync($source: ID!) {
    startDocSync(source: $source) {
      __typename
      ... on MutationStartDocSyncSuccess { data { ...DocSyncRunFields } }
      ... on Error { message }
    }
  }
`);
const CancelDocSync = graphql(`
  mutation ConsoleCancelDocSync($source: ID!) {
    cancelDocSync(source: $source) {
      __typename
      ... on MutationCancelDocSyncSuccess { data { ...DocSyncRunFields } }
      ... on Error { message }
    }
  }
`);

/** One documentation source: its settings, its latest run (live), and starting, cancelling or deleting it. */
export function SourceCard(props: { source: DocSource; onChange: (source: DocSource) => void; onDelete: () => void }) {
  const client = useClient();
  const viewer = useViewer();
  const [, startSync] = createMutation(StartDocSync);
  const [, cancelSync] = createMutation(CancelDocSync);
  const [, deleteSource] = createMutation(DeleteDocSource);
  const [run, setRun] = createSignal<DocSyncRun | null>(props.source.lastRun);
  const [busy, setBusy] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  const outcome = createOutcome();
  const running = () => run()?.status === 'RUNNING';

  /** The source as it stands now (its page count changes with every run). */
  const refresh = async () => {
    const result = await client
      .query(DocSyncQuery, { source: props.source.id }, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.data?.docSync) props.onChange(result.data.docSync);
  };
  const apply = (next: DocSyncRun) => {
    if (!supersedes(next, run())) return;
    const finished = next.status !== 'RUNNING' && run()?.status === 'RUNNING';
    setRun(next);
    if (finished) refresh();
  };
  createEffect(
    on(
      () => props.source.lastRun,
      (lastRun) => lastRun && apply(lastRun),
    ),
  );

  const subscription = client.subscription(DocSyncProgress, { source: props.source.id }).subscribe((result) => {
    if (result.error) outcome.report(describeError(result.error));
    if (result.data) apply(result.data.docSyncProgress);
  });
  onCleanup(() => subscription.unsubscribe());

  const act = async (work: () => Promise<{ data?: DocSyncRun; problem: string }>) => {
    setBusy(true);
    const { data, problem } = await work();
    setBusy(false);
    if (data) apply(data);
    outcome.report(problem);
  };
  const start = () =>
    act(async () => {
      const result = await startSync({ source: props.source.id });
      return { data: dataOf(result.data?.startDocSync), problem: mutationProblem(result) };
    });
  const cancel = () =>
    act(async () => {
      const result = await cancelSync({ source: props.source.id });
      return { data: dataOf(result.data?.cancelDocSync), problem: mutationProblem(result) };
    });
  const remove = async () => {
    setConfirming(false);
    setBusy(true);
    const problem = mutationProblem(await deleteSource({ id: props.source.id }));
    setBusy(false);
    if (!outcome.report(problem)) return;
    props.onDelete();
  };

  return (
    <section
      class="card doc-source"
      aria-label={props.source.name}
      data-testid="doc-source"
      data-source-id={props.source.id}
    >
      <header class="title-row">
        <h2>{props.source.name}</h2>
        <Show when={run()}>{(r) => <StatusBadge status={r().status} testId="sync-status" />}</Show>
        <span class="muted" data-testid="page-count">
          {props.source.pageCount === 1 ? '1 page' : `${props.source.pageCount} pages`} indexed
        </span>
      </header>
      <SourceSettings source={props.source} />
      <Show when={run()} fallback={<p class="muted">Never synced.</p>}>
        {(r) => <RunProgress run={r()} />}
      </Show>
      <Show when={can(viewer, 'KNOWLEDGE_WRITE')}>
        <div class="button-row">
          <Show
            when={running()}
            fallback={
              <button type="button" disabled={busy()} onClick={start}>
                Start sync
              </button>
            }
          >
            <button type="button" class="secondary" disabled={busy()} onClick={cancel}>
              Cancel sync
            </button>
          </Show>
          <Show
            when={confirming()}
            fallback={
              <button type="button" class="secondary" disabled={busy()} onClick={() => setConfirming(true)}>
                Delete
              </button>
            }
          >
            <span class="confirm">Delete this source and the pages it indexed?</span>
            <button type="button" class="danger" onClick={remove}>
              Delete source
            </button>
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </Show>
        </div>
      </Show>
      <OutcomeMessage outcome={outcome} />
    </section>
  );
}
