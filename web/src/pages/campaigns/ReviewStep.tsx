import { createMutation } from '@urql/solid';
import { createSignal, Show } from 'solid-js';
import { WEEKDAYS } from '../../business.ts';
import { StartCampaign } from '../../campaigns.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { mutationProblem } from '../../graphql.ts';
import type { CampaignDraft } from './campaign-draft.ts';

/** Step 3 of the create flow: the settings and contacts at a glance, then start it or keep it as a draft. */
export function ReviewStep(props: {
  campaignId: string;
  draft: CampaignDraft;
  businessName: string;
  contacts: number;
  onBack: () => void;
  onDone: () => void;
}) {
  const [, start] = createMutation(StartCampaign);
  const [problem, setProblem] = createSignal('');
  const [starting, setStarting] = createSignal(false);
  const fact = (label: string, value: string, testId?: string) => (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
  const startNow = async () => {
    setStarting(true);
    const result = await start({ id: props.campaignId });
    setStarting(false);
    // A refusal's message names each field and why (no calling window, no contacts…).
    const why = mutationProblem(result);
    setProblem(why);
    if (!why) props.onDone();
  };
  const d = props.draft;
  return (
    <section class="card stack" aria-label="Review">
      <h2>Review</h2>
      <dl class="facts">
        {fact('Name', d.name, 'review-name')}
        {fact('Business', props.businessName)}
        {fact('Contacts', String(props.contacts), 'review-contacts')}
        {fact('Pacing', `${d.callsPerMinute} calls/min, ${d.maxConcurrentCalls} at once`)}
        {fact('Window', `${d.start}–${d.end}, ${d.days.map((day) => WEEKDAYS[day - 1]).join(' ')}`)}
        {fact('Retries', `${d.maxAttempts} attempts, from ${d.initialDelaySeconds} s ×${d.backoffMultiplier}`)}
        {fact('Voicemail', `${d.detectVoicemail ? 'detected' : 'not detected'}, ${d.voicemailCountsAs.toLowerCase()}`)}
        {fact('Consent', d.requireConsent ? 'required' : 'not required')}
      </dl>
      <ErrorAlert message={problem()} />
      <Show when={!props.contacts}>
        <p class="warning">No contacts yet: the campaign cannot start without them.</p>
      </Show>
      <div class="inline-form">
        <button type="button" class="secondary" onClick={props.onBack}>
          Back to settings
        </button>
        <button type="button" class="secondary" onClick={props.onDone}>
          Keep as draft
        </button>
        <button type="button" onClick={startNow} disabled={starting() || !props.contacts}>
          Start campaign
        </button>
      </div>
    </section>
  );
}
