import type { ResultOf } from '@graphql-typed-document-node/core';
import { A, useParams } from '@solidjs/router';
import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { listOf } from '../business.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { graphql } from '../gql/gql.ts';
import type { QualitySettingsInput } from '../gql/graphql.ts';
import { dataOf, describeError, mutationProblem } from '../graphql.ts';
import { can, useViewer } from '../viewer.tsx';

const QualityFields = graphql(`
  fragment QualityRuleFields on QualitySettings {
    sentimentAlertThreshold sentimentEscalationEnabled sentimentEscalationLines maxFailedLookups maxToolErrors
    disclosureRules { phrase withinSeconds } prohibitedPhrases piiChecks
    qaWeights { sentiment compliance accuracy professionalism } qaAlertThreshold
    offerTimeoutSeconds maxWaitSeconds escalationDepartment escalationSkills
  }
`);
const QualityQuery = graphql(`
  query ConsoleQualityRules($id: ID!) { businessConfig(id: $id) { id name qualitySettings { ...QualityRuleFields } } }
`);
const UpdateQuality = graphql(`
  mutation ConsoleUpdateQualityRules($id: ID!, $input: QualitySettingsInput!) {
    updateQualitySettings(businessId: $id, input: $input) {
      __typename
      ... on MutationUpdateQualitySettingsSuccess { data { id qualitySettings { ...QualityRuleFields } } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { message }
    }
  }
`);

const PII = [
  { value: 'card_number', label: 'Card numbers' },
  { value: 'ssn', label: 'US social security numbers' },
  { value: 'iban', label: 'IBANs' },
  { value: 'email', label: 'Email addresses' },
  { value: 'phone', label: 'Phone numbers' },
];
const WEIGHTS = ['sentiment', 'compliance', 'accuracy', 'professionalism'] as const;

/** A business's quality and escalation rules: sentiment, compliance, QA weights and how escalations are routed. */
export function QualityRules() {
  const params = useParams<{ id: string }>();
  const [result] = createQuery({
    query: QualityQuery,
    variables: () => ({ id: params.id }),
    requestPolicy: 'network-only',
  });
  return (
    <section>
      <p class="crumbs">
        <A href="/businesses">Businesses</A> ›{' '}
        <A href={`/businesses/${params.id}`}>{result.data?.businessConfig?.name ?? '…'}</A>
      </p>
      <h1>Quality and escalation rules</h1>
      <ErrorAlert message={result.error && describeError(result.error)} />
      <Show when={result.data?.businessConfig} keyed>
        {(business) => <RulesForm businessId={business.id} settings={business.qualitySettings} />}
      </Show>
    </section>
  );
}

function RulesForm(props: { businessId: string; settings: ResultOf<typeof QualityFields> }) {
  const viewer = useViewer();
  const readOnly = () => !can(viewer, 'QUALITY_CONFIGURE');
  const s = props.settings;
  const [draft, setDraft] = createStore({
    sentimentAlertThreshold: String(s.sentimentAlertThreshold),
    sentimentEscalationEnabled: s.sentimentEscalationEnabled,
    sentimentEscalationLines: String(s.sentimentEscalationLines),
    maxFailedLookups: String(s.maxFailedLookups),
    maxToolErrors: String(s.maxToolErrors),
    disclosures: s.disclosureRules.map((d) => `${d.phrase} | ${d.withinSeconds}`).join('\n'),
    prohibitedPhrases: s.prohibitedPhrases.join('\n'),
    piiChecks: [...s.piiChecks],
    weights: Object.fromEntries(WEIGHTS.map((w) => [w, String(s.qaWeights[w])])) as Record<
      (typeof WEIGHTS)[number],
      string
    >,
    qaAlertThreshold: String(s.qaAlertThreshold),
    offerTimeoutSeconds: String(s.offerTimeoutSeconds),
    maxWaitSeconds: String(s.maxWaitSeconds),
    escalationDepartment: s.escalationDepartment ?? '',
    escalationSkills: s.escalationSkills.join(', '),
  });
  const [, update] = createMutation(UpdateQuality);
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [problem, setProblem] = createSignal('');
  const [notice, setNotice] = createSignal('');
  const number = (key: keyof typeof draft) => (e: { currentTarget: { value: string } }) =>
    setDraft(key, e.currentTarget.value as never);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const input: QualitySettingsInput = {
      sentimentAlertThreshold: Number(draft.sentimentAlertThreshold),
      sentimentEscalationEnabled: draft.sentimentEscalationEnabled,
      sentimentEscalationLines: Number(draft.sentimentEscalationLines),
      maxFailedLookups: Number(draft.maxFailedLookups),
      maxToolErrors: Number(draft.maxToolErrors),
      disclosures: draft.disclosures
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => {
          const [phrase = '', seconds = '30'] = line.split('|').map((part) => part.trim());
          return { phrase, withinSeconds: Number(seconds) };
        }),
      prohibitedPhrases: draft.prohibitedPhrases
        .split('\n')
        .map((p) => p.trim())
        .filter(Boolean),
      piiChecks: draft.piiChecks,
      qaWeights: {
        sentiment: Number(draft.weights.sentiment),
        compliance: Number(draft.weights.compliance),
        accuracy: Number(draft.weights.accuracy),
        professionalism: Number(draft.weights.professionalism),
      },
      qaAlertThreshold: Number(draft.qaAlertThreshold),
      offerTimeoutSeconds: Number(draft.offerTimeoutSeconds),
      maxWaitSeconds: Number(draft.maxWaitSeconds),
      escalationDepartment: draft.escalationDepartment,
      escalationSkills: listOf(draft.escalationSkills),
    };
    const outcome = await update({ id: props.businessId, input });
    const saved = dataOf(outcome.data?.updateQualitySettings);
    const refused = outcome.data?.updateQualitySettings;
    const fields =
      refused && 'fieldErrors' in refused
        ? Object.fromEntries(refused.fieldErrors.map((e) => [e.field, e.message]))
        : {};
    setErrors(fields);
    setProblem(
      saved
        ? ''
        : Object.keys(fields).length
          ? Object.entries(fields)
              .map(([f, m]) => `${f}: ${m}`)
              .join('; ')
          : mutationProblem(outcome),
    );
    setNotice(saved ? 'Saved. Calls from now on use these rules; recalculate QA on a call to rescore it.' : '');
  };

  return (
    <form class="rules-form" aria-label="Quality rules" onSubmit={submit}>
      <fieldset class="card" disabled={readOnly()}>
        <legend>Sentiment</legend>
        <div class="inline-form">
          <label>
            Alert at or below (−1 to 1)
            <input
              name="sentimentAlertThreshold"
              type="number"
              step="0.05"
              min="-1"
              max="1"
              value={draft.sentimentAlertThreshold}
              onInput={number('sentimentAlertThreshold')}
            />
          </label>
          <label class="checkbox">
            <input
              type="checkbox"
              name="sentimentEscalationEnabled"
              checked={draft.sentimentEscalationEnabled}
              onChange={(e) => setDraft('sentimentEscalationEnabled', e.currentTarget.checked)}
            />
            Escalate unhappy callers
          </label>
          <label>
            after this many lines in a row
            <input
              name="sentimentEscalationLines"
              type="number"
              min="1"
              max="20"
              value={draft.sentimentEscalationLines}
              onInput={number('sentimentEscalationLines')}
            />
          </label>
        </div>
      </fieldset>
      <fieldset class="card" disabled={readOnly()}>
        <legend>Complexity</legend>
        <div class="inline-form">
          <label>
            Escalate after lookups that found nothing
            <input
              name="maxFailedLookups"
              type="number"
              min="1"
              max="20"
              value={draft.maxFailedLookups}
              onInput={number('maxFailedLookups')}
            />
          </label>
          <label>
            or failed tool calls
            <input
              name="maxToolErrors"
              type="number"
              min="1"
              max="20"
              value={draft.maxToolErrors}
              onInput={number('maxToolErrors')}
            />
          </label>
        </div>
      </fieldset>
      <fieldset class="card" disabled={readOnly()}>
        <legend>Compliance</legend>
        <label>
          Required disclosures, one per line: phrase | within seconds
          <textarea
            name="disclosures"
            rows={3}
            value={draft.disclosures}
            onInput={number('disclosures')}
            placeholder="this call is recorded | 30"
          />
        </label>
        <label>
          Phrases the agent must never say, one per line
          <textarea
            name="prohibitedPhrases"
            rows={3}
            value={draft.prohibitedPhrases}
            onInput={number('prohibitedPhrases')}
          />
        </label>
        <fieldset class="checks" aria-label="Personal data the agent must not read out">
          <legend>Personal data the agent must not read out</legend>
          <For each={PII}>
            {(check) => (
              <label class="checkbox">
                <input
                  type="checkbox"
                  checked={draft.piiChecks.includes(check.value)}
                  onChange={(e) =>
                    setDraft('piiChecks', (list) =>
                      e.currentTarget.checked ? [...list, check.value] : list.filter((v) => v !== check.value),
                    )
                  }
                />
                {check.label}
              </label>
            )}
          </For>
        </fieldset>
      </fieldset>
      <fieldset class="card" disabled={readOnly()}>
        <legend>QA score</legend>
        <div class="inline-form">
          <For each={WEIGHTS}>
            {(weight) => (
              <label>
                Weight of {weight}
                <input
                  type="number"
                  step="0.05"
                  min="0"
                  max="1"
                  name={`weight-${weight}`}
                  value={draft.weights[weight]}
                  onInput={(e) => setDraft('weights', weight, e.currentTarget.value)}
                />
              </label>
            )}
          </For>
          <label>
            Alert below
            <input
              name="qaAlertThreshold"
              type="number"
              step="0.05"
              min="0"
              max="1"
              value={draft.qaAlertThreshold}
              onInput={number('qaAlertThreshold')}
            />
          </label>
        </div>
      </fieldset>
      <fieldset class="card" disabled={readOnly()}>
        <legend>Escalation routing</legend>
        <div class="inline-form">
          <label>
            Offer an agent for (seconds)
            <input
              name="offerTimeoutSeconds"
              type="number"
              min="5"
              max="600"
              value={draft.offerTimeoutSeconds}
              onInput={number('offerTimeoutSeconds')}
            />
          </label>
          <label>
            Promise a callback after (seconds)
            <input
              name="maxWaitSeconds"
              type="number"
              min="10"
              max="3600"
              value={draft.maxWaitSeconds}
              onInput={number('maxWaitSeconds')}
            />
          </label>
          <label>
            Department
            <input
              name="escalationDepartment"
              value={draft.escalationDepartment}
              onInput={number('escalationDepartment')}
            />
          </label>
          <label>
            Skills, comma-separated
            <input name="escalationSkills" value={draft.escalationSkills} onInput={number('escalationSkills')} />
          </label>
        </div>
        <p class="hint">Escalation keywords and the handoff number are on the business page.</p>
      </fieldset>
      <Show when={notice()}>
        <p class="notice" role="status">
          {notice()}
        </p>
      </Show>
      <ErrorAlert message={problem()} />
      <Show when={!readOnly()}>
        <button type="submit">Save rules</button>
      </Show>
      <Show when={Object.keys(errors()).length}>
        <span class="muted">{Object.keys(errors()).length} fields need fixing.</span>
      </Show>
    </form>
  );
}
