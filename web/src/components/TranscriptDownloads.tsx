import { useClient } from '@urql/solid';
import { createSignal, For } from 'solid-js';
import { graphql } from '../gql/gql.ts';
import type { TranscriptFormat } from '../gql/graphql.ts';
import { describeError } from '../graphql.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

const TranscriptDownloadQuery = graphql(`
  query ConsoleTranscriptDownload($id: ID!, $format: TranscriptFormat!) {
    call(id: $id) { id transcriptDownload(format: $format) { url } }
  }
`);

const FORMATS: TranscriptFormat[] = ['TXT', 'JSON', 'PDF'];

/** The call's transcript as a file: each button asks for a fresh signed link and opens it. */
export function TranscriptDownloads(props: { callId: string }) {
  const client = useClient();
  const [problem, setProblem] = createSignal('');
  const [fetching, setFetching] = createSignal<TranscriptFormat | null>(null);
  const download = async (format: TranscriptFormat) => {
    setFetching(format);
    setProblem('');
    const result = await client
      .query(TranscriptDownloadQuery, { id: props.callId, format }, { requestPolicy: 'network-only' })
      .toPromise();
    setFetching(null);
    const url = result.data?.call?.transcriptDownload.url;
    if (url) window.location.assign(url);
    else setProblem(result.error ? describeError(result.error) : 'The transcript could not be prepared.');
  };
  return (
    <section class="card" aria-label="Download the transcript">
      <h2>Transcript file</h2>
      <div class="actions">
        <For each={FORMATS}>
          {(format) => (
            <button type="button" class="secondary" disabled={fetching() !== null} onClick={() => download(format)}>
              {fetching() === format ? 'Preparing…' : format}
            </button>
          )}
        </For>
      </div>
      <ErrorAlert message={problem()} />
    </section>
  );
}
