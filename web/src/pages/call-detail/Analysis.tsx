import { createQuery } from '@urql/solid';
import { createEffect, For, onCleanup, Show } from 'solid-js';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { graphql } from '../../gql/gql.ts';
import { describeError } from '../../graphql.ts';

const CallAnalysisQuery = graphql(`
  query ConsoleCallAnalysis($id: ID!) {
    call(id: $id) {
      id
      analysis {
        summary outcome intent actionItems source notes completedAt
        extraction {
          status schemaName data errors
          fields { path status required message }
          provenance { path lines { sequence text } }
          gaps { from to months description }
        }
        adversarial {
          score rulesScore llmScore llmReasons flagged threshold
          signals { kind detail lineSequence }
        }
      }
    }
  }
`);

type Provenance = { path: string; lines: { sequence: number; text: string }[] };

/** The transcript lines a field's values (it, or anything inside it) came from, once each, in order. */
function linesBehind(provenance: readonly Provenance[], path: string) {
  const lines = new Map<number, string>();
  for (const p of provenance) {
    if (p.path !== path && !p.path.startsWith(`${path}/`)) continue;
    for (const line of p.lines) lines.set(line.sequence, line.text);
  }
  return [...lines].sort(([a], [b]) => a - b).map(([sequence, text]) => ({ sequence, text }));
}

/** Until the analysis is written (it runs after hang-up), it is looked for again this often. */
const POLL_MS = 3_000;

/**
 * What the post-call analysis made of a finished call: summary, outcome, intent and action items;
 * the extracted data, field by field, with the transcript lines each value came from and the
 * history gaps; and the adversarial score with its rule and model parts.
 */
export function Analysis(props: { callId: string; ended: boolean }) {
  const [result, refetch] = createQuery({
    query: CallAnalysisQuery,
    variables: () => ({ id: props.callId }),
    requestPolicy: 'network-only',
  });
  const analysis = () => result.data?.call?.analysis ?? null;
  createEffect(() => {
    if (!props.ended || analysis()?.completedAt) return;
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), POLL_MS);
    onCleanup(() => clearInterval(timer));
  });

  return (
    <section class="card" aria-label="Analysis">
      <h2>After the call</h2>
      <ErrorAlert message={result.error ? describeError(result.error) : ''} />
      <Show
        when={analysis()?.completedAt ? analysis() : null}
        fallback={<p class="muted">{props.ended ? 'Analysing the call…' : 'Analysed once the call ends.'}</p>}
      >
        {(a) => (
          <>
            <p data-testid="analysis-summary">{a().summary}</p>
            <dl class="facts">
              <dt>Outcome</dt>
              <dd data-testid="analysis-outcome">{a().outcome ?? '–'}</dd>
              <dt>Intent</dt>
              <dd>{a().intent ?? '–'}</dd>
              <dt>Written by</dt>
              <dd>{a().source === 'RULES' ? 'rules (the model failed)' : 'the model'}</dd>
            </dl>
            <Show when={a().actionItems.length}>
              <h3>Action items</h3>
              <ul>
                <For each={a().actionItems}>{(item) => <li>{item}</li>}</For>
              </ul>
            </Show>
            <Show when={a().adversarial}>
              {(score) => (
                <div data-testid="adversarial">
                  <h3>
                    Adversarial score:{' '}
                    <span data-testid="adversarial-score" classList={{ warning: score().flagged }}>
                      {score().score.toFixed(1)} / 10
                    </span>
                  </h3>
                  <p class="hint">
                    Rules {score().rulesScore.toFixed(1)}, model {score().llmScore?.toFixed(1) ?? '–'}; flagged at{' '}
                    {score().threshold}.
                  </p>
                  <ul>
                    <For each={score().signals}>
                      {(signal) => (
                        <li>
                          {signal.kind.toLowerCase()}: {signal.detail}
                          {signal.lineSequence === null ? '' : ` (line ${signal.lineSequence})`}
                        </li>
                      )}
                    </For>
                    <For each={score().llmReasons}>{(reason) => <li>model: {reason}</li>}</For>
                  </ul>
                </div>
              )}
            </Show>
            <Show when={a().extraction}>
              {(extraction) => (
                <div data-testid="extraction">
                  <h3>
                    {extraction().schemaName}: <span data-testid="extraction-status">{extraction().status}</span>
                  </h3>
                  <For each={extraction().gaps}>
                    {(gap) => (
                      <p class="warning" data-testid="history-gap">
                        {gap.description}
                      </p>
                    )}
                  </For>
                  <table class="data-table">
                    <thead>
                      <tr>
                        <th>Field</th>
                        <th>Status</th>
                        <th>From the lines</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={extraction().fields}>
                        {(field) => (
                          <tr data-testid="extracted-field">
                            <td>
                              <code>{field.path}</code>
                              {field.required ? ' *' : ''}
                            </td>
                            <td>{field.message ? `${field.status}: ${field.message}` : field.status}</td>
                            <td>
                              <For each={linesBehind(extraction().provenance, field.path)}>
                                {(line) => (
                                  <q>
                                    #{line.sequence} {line.text}
                                  </q>
                                )}
                              </For>
                            </td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                  <Show when={extraction().data}>
                    {(data) => <pre data-testid="extraction-data">{JSON.stringify(JSON.parse(data()), null, 2)}</pre>}
                  </Show>
                  <For each={extraction().errors}>{(message) => <p class="warning">{message}</p>}</For>
                </div>
              )}
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
