import { createQuery } from '@urql/solid';
import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { PreviewPrompt } from '../business.ts';
import type { AgentPromptDraftInput } from '../gql/graphql.ts';

/** How long typing must pause before the preview asks again. */
const DEBOUNCE_MS = 300;

/**
 * The live preview of the prompt: what the voice model would be told on a call now, rendered by the
 * server (the same code the bridge runs), with the variables and any template errors.
 */
export function PromptPreview(props: { businessId: string | null; draft: AgentPromptDraftInput }) {
  const [draft, setDraft] = createSignal<AgentPromptDraftInput>(props.draft);
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on(
      () => JSON.stringify(props.draft),
      () => {
        clearTimeout(timer);
        const next = { ...props.draft };
        timer = setTimeout(() => setDraft(next), DEBOUNCE_MS);
      },
      { defer: true },
    ),
  );
  onCleanup(() => clearTimeout(timer));
  const [preview] = createQuery({
    query: PreviewPrompt,
    variables: () => ({ businessId: props.businessId, draft: draft() }),
    requestPolicy: 'network-only',
  });
  return (
    <section class="card prompt-preview" aria-label="Prompt preview">
      <h2>What the agent is told</h2>
      <p class="hint">On an outbound call now, to a sample caller; variables filled in.</p>
      <Show when={preview.data?.previewAgentPrompt}>
        {(p) => (
          <>
            <For each={p().problems}>
              {(problem) => (
                <p class="error" role="alert" data-testid="prompt-problem">
                  {problem.field}: {problem.message}
                </p>
              )}
            </For>
            <pre class="prompt" data-testid="prompt-preview">
              {p().prompt}
            </pre>
            <details>
              <summary>Variables</summary>
              <dl class="facts">
                <For each={p().variables}>
                  {(v) => (
                    <>
                      <dt>
                        <code>{`{{${v.name}}}`}</code>
                      </dt>
                      <dd title={v.description}>{v.value || <span class="muted">(empty)</span>}</dd>
                    </>
                  )}
                </For>
              </dl>
            </details>
          </>
        )}
      </Show>
    </section>
  );
}
