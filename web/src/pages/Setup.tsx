import type { ResultOf } from '@graphql-typed-document-node/core';
import { A } from '@solidjs/router';
import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { OrganizationForm } from '../components/OrganizationForm.tsx';
import { graphql } from '../gql/gql.ts';
import type { SetupStep, SetupStepStatus } from '../gql/graphql.ts';
import { describeError, mutationProblem } from '../graphql.ts';
import { OrganizationQuery } from '../settings.ts';
import { Integrations } from './Settings.tsx';
import { BusinessStep, KnowledgeStep, PhoneStep, TestCallStep } from './setup/steps.tsx';

const WizardFields = graphql(`
  fragment SetupWizardFields on SetupWizard {
    needed currentStep businessId testCallId completedAt steps { step title optional status }
  }
`);
type Wizard = ResultOf<typeof WizardFields>;
export const SetupWizardQuery = graphql(`
  query ConsoleSetupWizard { setupWizard { ...SetupWizardFields } }
`);
const UpdateWizard = graphql(`
  mutation ConsoleUpdateSetupWizard($step: SetupStep!, $status: SetupStepStatus!, $businessId: ID, $testCallId: ID) {
    updateSetupWizard(step: $step, status: $status, businessId: $businessId, testCallId: $testCallId) {
      __typename
      ... on MutationUpdateSetupWizardSuccess { data { ...SetupWizardFields } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { message }
    }
  }
`);

/**
 * The setup wizard: organisation, first business, credentials (tested), a number, a first document and
 * a test call followed live. Each step is saved on the server as it is done, so the admin can leave
 * and come back to where they were.
 */
export function Setup() {
  const [wizard, refetch] = createQuery({ query: SetupWizardQuery, requestPolicy: 'network-only' });
  const [organization] = createQuery({ query: OrganizationQuery, requestPolicy: 'network-only' });
  const [, update] = createMutation(UpdateWizard);
  const [viewing, setViewing] = createSignal<SetupStep | null>(null);
  const [problem, setProblem] = createSignal('');
  const state = (): Wizard | undefined => wizard.data?.setupWizard;
  const step = () => viewing() ?? state()?.currentStep ?? null;

  /** Saves a step's outcome; answers what went wrong, or '' when the wizard moved on. */
  const mark = async (
    name: SetupStep,
    status: SetupStepStatus,
    extra: { businessId?: string; testCallId?: string } = {},
  ) => {
    const result = await update({ step: name, status, ...extra });
    const message = mutationProblem(result);
    setProblem(message);
    if (!message) {
      setViewing(null);
      refetch({ requestPolicy: 'network-only' });
    }
    return message;
  };

  return (
    <section class="setup">
      <h1>Set up your organisation</h1>
      <ErrorAlert message={wizard.error && describeError(wizard.error)} />
      <Show when={state()}>
        {(w) => (
          <div class="setup-grid">
            <ol class="setup-steps" aria-label="Setup steps">
              <For each={w().steps}>
                {(s) => (
                  <li
                    class="setup-step-item"
                    data-testid="setup-step"
                    data-status={s.status}
                    classList={{ current: step() === s.step }}
                  >
                    <button
                      type="button"
                      class="step-link"
                      disabled={s.status === 'PENDING' && s.step !== w().currentStep}
                      onClick={() => setViewing(s.step)}
                    >
                      {s.title}
                    </button>
                    <span class="muted">{s.status === 'PENDING' ? '' : s.status.toLowerCase()}</span>
                  </li>
                )}
              </For>
            </ol>
            <div class="card setup-step" data-testid="setup-current" data-step={step() ?? 'DONE'}>
              <Switch>
                <Match when={w().completedAt && !viewing()}>
                  <h2>All set</h2>
                  <p data-testid="setup-complete">
                    Your business answers calls. Change it any time on its page, watch calls live, and add knowledge.
                  </p>
                  <p class="button-row">
                    <A href={`/businesses/${w().businessId}`}>Open the business</A>
                    <A href="/calls">Live calls</A>
                  </p>
                </Match>
                <Match when={step() === 'ORGANIZATION'}>
                  <h2>Organisation details</h2>
                  <p class="hint">
                    The country reads phone numbers written without +country; new businesses start in the time zone.
                  </p>
                  <Show when={organization.data?.me.organization} keyed>
                    {(o) => (
                      <OrganizationForm
                        organization={o}
                        submitLabel="Save and continue"
                        onSaved={() => mark('ORGANIZATION', 'DONE')}
                      />
                    )}
                  </Show>
                </Match>
                <Match when={step() === 'BUSINESS'}>
                  <h2>Your first business</h2>
                  <Show
                    when={w().businessId}
                    fallback={<BusinessStep onDone={(extra) => mark('BUSINESS', 'DONE', extra)} />}
                  >
                    <p>
                      The business is created. <A href={`/businesses/${w().businessId}`}>Open it</A> to change its
                      instructions and voice.
                    </p>
                    <button type="button" onClick={() => mark('BUSINESS', 'DONE')}>
                      Continue
                    </button>
                  </Show>
                </Match>
                <Match when={step() === 'CREDENTIALS'}>
                  <h2>Twilio, OpenAI and email</h2>
                  <p class="hint">Enter your own accounts and test them, or go on with the platform's.</p>
                  <Integrations />
                  <div class="button-row">
                    <button type="button" onClick={() => mark('CREDENTIALS', 'DONE')}>
                      Continue
                    </button>
                    <button type="button" class="secondary" onClick={() => mark('CREDENTIALS', 'SKIPPED')}>
                      Skip: use the platform's
                    </button>
                  </div>
                </Match>
                <Match when={step() === 'PHONE_NUMBER' && w().businessId}>
                  <h2>A phone number</h2>
                  <PhoneStep businessId={w().businessId!} onDone={() => mark('PHONE_NUMBER', 'DONE')} />
                </Match>
                <Match when={step() === 'KNOWLEDGE' && w().businessId}>
                  <h2>A first knowledge document</h2>
                  <KnowledgeStep businessId={w().businessId!} onDone={() => mark('KNOWLEDGE', 'DONE')} />
                  <button type="button" class="secondary" onClick={() => mark('KNOWLEDGE', 'SKIPPED')}>
                    Skip for now
                  </button>
                </Match>
                <Match when={step() === 'TEST_CALL' && w().businessId}>
                  <h2>A test call</h2>
                  <TestCallStep businessId={w().businessId!} onDone={(extra) => mark('TEST_CALL', 'DONE', extra)} />
                </Match>
              </Switch>
              <ErrorAlert message={problem()} />
            </div>
          </div>
        )}
      </Show>
    </section>
  );
}
