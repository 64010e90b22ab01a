import { A, useParams } from '@solidjs/router';
import { createMutation, createQuery } from '@urql/solid';
import { createEffect, createSignal, For, Show } from 'solid-js';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { graphql } from '../gql/gql.ts';
import { dataOf, describeError, mutationProblem } from '../graphql.ts';
import { can, useViewer } from '../viewer.tsx';

const PostCallQuery = graphql(`
  query ConsolePostCallSettings($id: ID!) {
    businessConfig(id: $id) {
      id name
      postCallSettings {
        extractionSchema adversarialAlertThreshold
        outcomes { name description }
        extractionFields { path required description }
      }
    }
    extractionTemplates { name label schema }
  }
`);
const CheckSchema = graphql(`
  query ConsoleCheckExtractionSchema($schema: String!) {
    checkExtractionSchema(schema: $schema) { valid problems fields { path required } }
  }
`);
const UpdatePostCall = graphql(`
  mutation ConsoleUpdatePostCallSettings($id: ID!, $input: PostCallSettingsInput!) {
    updatePostCallSettings(businessId: $id, input: $input) {
      __typename
      ... on MutationUpdatePostCallSettingsSuccess { data { id postCallSettings { extractionSchema adversarialAlertThreshold } } }
      ... on ValidationError { message fieldErrors { field message } }
      ... on Error { message }
    }
  }
`);

/**
 * A business's post-call settings: the outcomes its calls end in, the adversarial score that flags a
 * caller, and the JSON Schema of the data its calls collect (from a template or by hand), checked by
 * the server before it can be saved.
 */
export function PostCallSettings() {
  const params = useParams<{ id: string }>();
  const viewer = useViewer();
  const [settings] = createQuery({ query: PostCallQuery, variables: () => ({ id: params.id }) });
  const [check, setCheck] = createSignal<{ valid: boolean; problems: string[]; fields: string[] } | null>(null);
  const [schema, setSchema] = createSignal('');
  const [threshold, setThreshold] = createSignal('7');
  const [outcomes, setOutcomes] = createSignal('');
  const [error, setError] = createSignal('');
  const [saved, setSaved] = createSignal(false);
  const [, update] = createMutation(UpdatePostCall);
  const [checkQuery, setCheckQuery] = createSignal<string | null>(null);
  const [checked] = createQuery({
    query: CheckSchema,
    variables: () => ({ schema: checkQuery() ?? '' }),
    pause: () => checkQuery() === null,
    requestPolicy: 'network-only',
  });

  createEffect(() => {
    const current = settings.data?.businessConfig?.postCallSettings;
    if (!current) return;
    setSchema(current.extractionSchema ? JSON.stringify(JSON.parse(current.extractionSchema), null, 2) : '');
    setThreshold(String(current.adversarialAlertThreshold));
    setOutcomes(current.outcomes.map((o) => (o.description ? `${o.name}: ${o.description}` : o.name)).join('\n'));
  });
  createEffect(() => {
    const result = checked.data?.checkExtractionSchema;
    if (result) setCheck({ valid: result.valid, problems: result.problems, fields: result.fields.map((f) => f.path) });
  });

  const edit = (text: string) => {
    setSchema(text);
    setCheck(null);
    setCheckQuery(null);
    setSaved(false);
  };
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    setSaved(false);
    const text = schema().trim();
    const result = await update({
      id: params.id,
      input: {
        ...(text ? { extractionSchema: text } : { clearExtractionSchema: true }),
        adversarialAlertThreshold: Number(threshold()),
        outcomes: outcomes()
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean)
          .map((line) => {
            const [name, ...description] = line.split(':');
            return { name: name!.trim(), description: description.join(':').trim() };
          }),
      },
    });
    const problem = mutationProblem(result);
    setError(problem);
    setSaved(!problem && Boolean(dataOf(result.data?.updatePostCallSettings)));
  };

  return (
    <section>
      <p class="crumbs">
        <A href={`/businesses/${params.id}`}>← {settings.data?.businessConfig?.name ?? 'Business'}</A>
      </p>
      <h1>After the call</h1>
      <ErrorAlert message={settings.error ? describeError(settings.error) : error()} />
      <form class="card" aria-label="Post-call settings" onSubmit={save}>
        <label>
          Outcomes (one a line, <code>name: what it means</code>)
          <textarea name="outcomes" rows={6} value={outcomes()} onInput={(e) => setOutcomes(e.currentTarget.value)} />
        </label>
        <label>
          Flag callers whose adversarial score is at least (0–10)
          <input
            type="number"
            name="adversarialAlertThreshold"
            min="0"
            max="10"
            step="0.5"
            value={threshold()}
            onInput={(e) => setThreshold(e.currentTarget.value)}
          />
        </label>
        <label>
          Start from a template
          <select
            name="template"
            onChange={(e) => {
              const template = settings.data?.extractionTemplates.find((t) => t.name === e.currentTarget.value);
              if (template) edit(JSON.stringify(JSON.parse(template.schema), null, 2));
            }}
          >
            <option value="">–</option>
            <For each={settings.data?.extractionTemplates ?? []}>
              {(template) => <option value={template.name}>{template.label}</option>}
            </For>
          </select>
        </label>
        <label>
          Data the calls collect (JSON Schema; empty: extract nothing)
          <textarea
            name="extractionSchema"
            class="code"
            rows={16}
            value={schema()}
            onInput={(e) => edit(e.currentTarget.value)}
          />
        </label>
        <Show when={check()}>
          {(result) => (
            <div data-testid="schema-check" role="status">
              <Show
                when={result().valid}
                fallback={
                  <ul class="warning">
                    <For each={result().problems}>{(problem) => <li>{problem}</li>}</For>
                  </ul>
                }
              >
                <p>Valid. Fields: {result().fields.join(', ')}</p>
              </Show>
            </div>
          )}
        </Show>
        <Show when={saved()}>
          <p class="notice" role="status">
            Saved.
          </p>
        </Show>
        <div class="inline-form">
          <button type="button" class="secondary" onClick={() => setCheckQuery(schema().trim() || '{}')}>
            Check schema
          </button>
          <Show when={can(viewer, 'BUSINESSES_MANAGE')}>
            {/* Only a schema the server has checked can be saved. */}
            <button type="submit" disabled={Boolean(schema().trim()) && !check()?.valid}>
              Save
            </button>
          </Show>
        </div>
      </form>
    </section>
  );
}
