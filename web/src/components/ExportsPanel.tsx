import type { ResultOf } from '@graphql-typed-document-node/core';
import { useClient } from '@urql/solid';
import { createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import type { AnalyticsView } from '../analytics.ts';
import { formatDateTime } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import type { ExportKind } from '../gql/graphql.ts';
import { dataOf, describeError, messageOf } from '../graphql.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { ProgressBar } from './ProgressBar.tsx';

const ExportFieldsFragment = graphql(`
  fragment ExportFields on Export {
    id kind status fileName bytes rowsDone rowsTotal progress error createdAt download { url }
  }
`);
const ExportsQuery = graphql(`
  query ConsoleExports { exports(first: 10) { ...ExportFields } }
`);
const ExportQuery = graphql(`
  query ConsoleExport($id: ID!) { export(id: $id) { ...ExportFields } }
`);
const CreateExport = graphql(`
  mutation ConsoleCreateExport($input: CreateExportInput!) {
    createExport(input: $input) {
      __typename
      ... on MutationCreateExportSuccess { data { ...ExportFields } }
      ... on Error { message }
    }
  }
`);

type ExportRow = ResultOf<typeof ExportFieldsFragment>;

const KINDS: { kind: ExportKind; label: string }[] = [
  { kind: 'CALLS', label: 'Calls (CSV)' },
  { kind: 'TRANSCRIPTS', label: 'Transcripts (CSV)' },
  { kind: 'QA_SCORES', label: 'QA scores (CSV)' },
  { kind: 'ESCALATIONS', label: 'Escalations (CSV)' },
  { kind: 'CAMPAIGN_RESULTS', label: 'Campaign results (CSV)' },
  { kind: 'REPORT', label: 'Report (PDF)' },
];
const POLL_MS = 1000;

const sizeOf = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 ** 2
      ? `${(bytes / 1024).toFixed(1)} kB`
      : `${(bytes / 1024 ** 2).toFixed(1)} MB`;

/** Exports of the range and filters on screen, and the organisation's recent ones, watched while they run. */
export function ExportsPanel(props: { view: AnalyticsView }) {
  const client = useClient();
  const [rows, setRows] = createSignal<ExportRow[]>([]);
  const [problem, setProblem] = createSignal('');
  const [starting, setStarting] = createSignal<ExportKind | null>(null);

  const replace = (row: ExportRow) => setRows((list) => list.map((r) => (r.id === row.id ? row : r)));
  const load = async () => {
    const result = await client.query(ExportsQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    if (result.error) setProblem(describeError(result.error));
    else setRows(result.data?.exports ?? []);
  };
  const pollRunning = async () => {
    for (const row of rows().filter((r) => r.status === 'RUNNING')) {
      const result = await client.query(ExportQuery, { id: row.id }, { requestPolicy: 'network-only' }).toPromise();
      const fresh = result.data?.export;
      if (fresh) replace(fresh);
    }
  };
  const start = async (kind: ExportKind) => {
    setStarting(kind);
    setProblem('');
    const result = await client
      .mutation(CreateExport, { input: { kind, range: props.view.range, filter: props.view.filter } })
      .toPromise();
    setStarting(null);
    const created = dataOf(result.data?.createExport);
    if (created) setRows((list) => [created, ...list]);
    else setProblem(result.error ? describeError(result.error) : (messageOf(result.data?.createExport) ?? ''));
  };

  onMount(() => {
    load();
    const timer = setInterval(pollRunning, POLL_MS);
    onCleanup(() => clearInterval(timer));
  });

  return (
    <section class="card exports" aria-label="Exports">
      <h2>Exports</h2>
      <p class="muted">
        Of the range and filters above: {props.view.range.from} – {props.view.range.to}.
      </p>
      <div class="actions">
        <For each={KINDS}>
          {({ kind, label }) => (
            <button type="button" class="secondary" disabled={starting() !== null} onClick={() => start(kind)}>
              {starting() === kind ? 'Starting…' : `Export ${label}`}
            </button>
          )}
        </For>
      </div>
      <ErrorAlert message={problem()} />
      <Show when={rows().length} fallback={<p class="muted">No exports yet.</p>}>
        <table class="data" aria-label="Recent exports">
          <thead>
            <tr>
              <th>Started</th>
              <th>Kind</th>
              <th>Status</th>
              <th>Progress</th>
              <th>File</th>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(row) => (
                <tr data-testid="export-row" data-export-id={row.id} data-status={row.status}>
                  <td>{formatDateTime(row.createdAt)}</td>
                  <td>{row.kind.toLowerCase().replace('_', ' ')}</td>
                  <td data-testid="export-status">{row.status.toLowerCase()}</td>
                  <td>
                    <Show when={row.status === 'RUNNING'} fallback={`${row.rowsDone} rows`}>
                      <ProgressBar
                        done={row.progress ?? 0}
                        total={1}
                        label={`Export ${row.fileName}`}
                        testId="export-progress"
                      />
                    </Show>
                  </td>
                  <td>
                    <Show when={row.download} fallback={row.error ?? row.fileName}>
                      {(download) => (
                        <a href={download().url} download={row.fileName} data-testid="export-download">
                          {row.fileName} ({sizeOf(row.bytes)})
                        </a>
                      )}
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
