import { A, useNavigate } from '@solidjs/router';
import { createMutation } from '@urql/solid';
import { createSignal, Match, Switch } from 'solid-js';
import { createStore } from 'solid-js/store';
import { createBusinessChoice } from '../components/BusinessPicker.tsx';
import { graphql } from '../gql/gql.ts';
import { dataOf, mutationProblem } from '../graphql.ts';
import { ContactsStep } from './campaigns/ContactsStep.tsx';
import { campaignInputOf, newCampaignDraft } from './campaigns/campaign-draft.ts';
import { ReviewStep } from './campaigns/ReviewStep.tsx';
import { SettingsStep } from './campaigns/SettingsStep.tsx';

const CreateCampaign = graphql(`
  mutation ConsoleCreateCampaign($input: CreateCampaignInput!) {
    createCampaign(input: $input) {
      __typename
      ... on MutationCreateCampaignSuccess { data { id } }
      ... on ValidationError { message fieldErrors { field message } }
      ... on Error { message }
    }
  }
`);
const UpdateCampaign = graphql(`
  mutation ConsoleUpdateCampaign($id: ID!, $input: UpdateCampaignInput!) {
    updateCampaign(id: $id, input: $input) {
      __typename
      ... on MutationUpdateCampaignSuccess { data { id } }
      ... on ValidationError { message fieldErrors { field message } }
      ... on Error { message }
    }
  }
`);

type Step = 'settings' | 'contacts' | 'review';
const STEPS: readonly { step: Step; label: string }[] = [
  { step: 'settings', label: '1. Settings' },
  { step: 'contacts', label: '2. Contacts' },
  { step: 'review', label: '3. Review' },
];

/**
 * A new campaign in three steps: its settings (saved as a draft, which the CSV preview needs), its
 * contacts from a CSV file, then a review to start it or keep it as a draft.
 */
export function CampaignNew() {
  const navigate = useNavigate();
  const choice = createBusinessChoice();
  const [draft, setDraft] = createStore(newCampaignDraft());
  const [step, setStep] = createSignal<Step>('settings');
  const [campaignId, setCampaignId] = createSignal('');
  const [contacts, setContacts] = createSignal(0);
  const [errors, setErrors] = createSignal<{ field: string; message: string }[]>([]);
  const [problem, setProblem] = createSignal('');
  const [saving, setSaving] = createSignal(false);
  const [, create] = createMutation(CreateCampaign);
  const [, update] = createMutation(UpdateCampaign);

  const save = async () => {
    setSaving(true);
    const input = campaignInputOf(draft);
    const result = campaignId()
      ? await update({ id: campaignId(), input })
      : await create({ input: { ...input, businessId: choice.businessId() } });
    setSaving(false);
    const outcome =
      result.data && ('createCampaign' in result.data ? result.data.createCampaign : result.data.updateCampaign);
    setErrors(outcome && 'fieldErrors' in outcome ? outcome.fieldErrors : []);
    const saved = dataOf(outcome);
    setProblem(errors().length ? '' : mutationProblem(result));
    if (!saved) return;
    setCampaignId(saved.id);
    setStep('contacts');
  };
  const businessName = () => choice.businesses().find((b) => b.id === choice.businessId())?.name ?? '';

  return (
    <section>
      <p class="crumbs">
        <A href="/campaigns">← Campaigns</A>
      </p>
      <h1>New campaign</h1>
      <ol class="steps" aria-label="Steps">
        {STEPS.map(({ step: s, label }) => (
          <li aria-current={step() === s ? 'step' : undefined}>{label}</li>
        ))}
      </ol>
      <Switch>
        <Match when={step() === 'settings'}>
          <SettingsStep
            draft={draft}
            setDraft={setDraft}
            choice={choice}
            businessFixed={Boolean(campaignId())}
            errors={errors()}
            problem={problem()}
            saving={saving()}
            onSubmit={save}
          />
        </Match>
        <Match when={step() === 'contacts'}>
          <ContactsStep campaignId={campaignId()} onImported={(result) => setContacts((n) => n + result.added)} />
          <div class="inline-form">
            <button type="button" class="secondary" onClick={() => setStep('settings')}>
              Back to settings
            </button>
            <button type="button" onClick={() => setStep('review')}>
              Review
            </button>
          </div>
        </Match>
        <Match when={step() === 'review'}>
          <ReviewStep
            campaignId={campaignId()}
            draft={draft}
            businessName={businessName()}
            contacts={contacts()}
            onBack={() => setStep('settings')}
            onDone={() => navigate(`/campaigns/${campaignId()}`)}
          />
        </Match>
      </Switch>
    </section>
  );
}
