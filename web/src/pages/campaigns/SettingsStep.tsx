import type { SetStoreFunction } from 'solid-js/store';
import { fieldError } from '../../campaigns.ts';
import { type BusinessChoice, BusinessPicker } from '../../components/BusinessPicker.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FormField } from '../../components/FormField.tsx';
import { WeekdayPicker } from '../../components/WeekdayPicker.tsx';
import type { CampaignDraft } from './campaign-draft.ts';

type TextKey = { [K in keyof CampaignDraft]: CampaignDraft[K] extends string ? K : never }[keyof CampaignDraft];
type FlagKey = { [K in keyof CampaignDraft]: CampaignDraft[K] extends boolean ? K : never }[keyof CampaignDraft];

/** The fields this form shows the server's errors beside; an error on any other is shown at the bottom. */
const FIELDS = [
  'businessId',
  'name',
  'callsPerMinute',
  'maxConcurrentCalls',
  'callingWindow.start',
  'callingWindow.end',
  'callingWindow.days',
  'timeZone',
  'retry.maxAttempts',
  'retry.initialDelaySeconds',
  'retry.backoffMultiplier',
  'voicemail.countsAs',
  'voicemail.message',
  'instructions',
  'greeting',
  'postCall.extractionSchema',
] as const;
type Field = (typeof FIELDS)[number];

/** Step 1 of the create flow: the business, pacing, calling window, retries, voicemail, consent and what the agent says. */
export function SettingsStep(props: {
  draft: CampaignDraft;
  setDraft: SetStoreFunction<CampaignDraft>;
  choice: BusinessChoice;
  /** Once the draft is saved its business is fixed. */
  businessFixed: boolean;
  errors: readonly { field: string; message: string }[];
  problem: string;
  saving: boolean;
  onSubmit: () => void;
}) {
  const error = (field: Field) => fieldError(props.errors, field);
  const elsewhere = () =>
    props.errors
      .filter((e) => !FIELDS.some((field) => e.field === field || e.field.startsWith(`${field}.`)))
      .map((e) => `${e.field} ${e.message}`);
  const bind = (key: TextKey) => ({
    name: key,
    get value() {
      return props.draft[key];
    },
    onInput: (e: { currentTarget: { value: string } }) => props.setDraft(key, e.currentTarget.value),
  });
  const flag = (key: FlagKey) => ({
    name: key,
    type: 'checkbox',
    get checked() {
      return props.draft[key];
    },
    onChange: (e: { currentTarget: { checked: boolean } }) => props.setDraft(key, e.currentTarget.checked),
  });
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    props.onSubmit();
  };

  return (
    <form class="stack" aria-label="Campaign settings" onSubmit={submit}>
      <fieldset class="card">
        <legend>Campaign</legend>
        <div class="inline-form">
          <fieldset disabled={props.businessFixed}>
            <BusinessPicker choice={props.choice} />
          </fieldset>
          <FormField label="Name" error={error('name')}>
            <input {...bind('name')} required />
          </FormField>
        </div>
        <ErrorAlert message={error('businessId')} />
      </fieldset>
      <fieldset class="card">
        <legend>Pacing</legend>
        <div class="inline-form">
          <FormField label="Calls per minute" error={error('callsPerMinute')}>
            <input type="number" min="1" {...bind('callsPerMinute')} />
          </FormField>
          <FormField label="Max concurrent calls" error={error('maxConcurrentCalls')}>
            <input type="number" min="1" {...bind('maxConcurrentCalls')} />
          </FormField>
        </div>
      </fieldset>
      <fieldset class="card">
        <legend>Calling window</legend>
        <div class="inline-form">
          <FormField label="From" error={error('callingWindow.start')}>
            <input type="time" {...bind('start')} />
          </FormField>
          <FormField label="Until" error={error('callingWindow.end')} hint="Exclusive; 24:00 for midnight.">
            <input {...bind('end')} pattern="[0-9]{2}:[0-9]{2}" />
          </FormField>
          <WeekdayPicker days={props.draft.days} onChange={(days) => props.setDraft('days', days)} />
          <FormField
            label="Time zone"
            error={error('timeZone')}
            hint="IANA, for numbers whose zone is unknown; empty: the business's."
          >
            <input {...bind('timeZone')} placeholder="America/New_York" />
          </FormField>
        </div>
        <ErrorAlert message={error('callingWindow.days')} />
        <p class="hint">In each contact's local time; a contact outside it waits for it to open.</p>
      </fieldset>
      <fieldset class="card">
        <legend>Retries</legend>
        <div class="inline-form">
          <FormField label="Max attempts" error={error('retry.maxAttempts')}>
            <input type="number" min="1" {...bind('maxAttempts')} />
          </FormField>
          <FormField label="First retry after (seconds)" error={error('retry.initialDelaySeconds')}>
            <input type="number" min="0" {...bind('initialDelaySeconds')} />
          </FormField>
          <FormField label="Backoff multiplier" error={error('retry.backoffMultiplier')}>
            <input type="number" min="1" step="0.1" {...bind('backoffMultiplier')} />
          </FormField>
        </div>
        <p class="hint">Busy, unanswered and failed attempts are tried again, each wait longer, with jitter.</p>
      </fieldset>
      <fieldset class="card">
        <legend>Voicemail and consent</legend>
        <label class="checkbox">
          <input {...flag('detectVoicemail')} />
          Detect answering machines
        </label>
        <div class="inline-form">
          <FormField label="A voicemail counts as" error={error('voicemail.countsAs')}>
            <select
              name="voicemailCountsAs"
              value={props.draft.voicemailCountsAs}
              onChange={(e) => props.setDraft('voicemailCountsAs', e.currentTarget.value as 'REACHED' | 'RETRY')}
            >
              <option value="REACHED">reached (no retry)</option>
              <option value="RETRY">not reached (retry)</option>
            </select>
          </FormField>
          <FormField label="Voicemail message" error={error('voicemail.message')} hint="Empty: hang up on machines.">
            <input {...bind('voicemailMessage')} />
          </FormField>
        </div>
        <label class="checkbox">
          <input {...flag('requireConsent')} />
          Call only contacts who gave consent
        </label>
      </fieldset>
      <fieldset class="card">
        <legend>Agent</legend>
        <FormField
          label="Instructions"
          error={error('instructions')}
          hint="A template with the contact's variables, e.g. {{contact.name}}; empty: the business's."
        >
          <textarea rows={5} {...bind('instructions')} />
        </FormField>
        <FormField label="Greeting" error={error('greeting')} hint="Empty: the business's greeting.">
          <input {...bind('greeting')} />
        </FormField>
        <FormField
          label="Data to collect (JSON Schema)"
          error={error('postCall.extractionSchema')}
          hint="What each call's extraction fills, checked when saved; empty: the business's schema."
        >
          <textarea rows={6} spellcheck={false} {...bind('extractionSchema')} />
        </FormField>
      </fieldset>
      <ErrorAlert message={[props.problem, ...elsewhere()].filter(Boolean).join('; ')} />
      <button type="submit" disabled={props.saving}>
        {props.saving ? 'Saving…' : 'Save and add contacts'}
      </button>
    </form>
  );
}
