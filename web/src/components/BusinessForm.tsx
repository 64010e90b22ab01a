import { For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { BUSINESS_TYPES, type Business, listOf, MODELS, VOICES } from '../business.ts';
import type { BusinessType, UpdateBusinessInput } from '../gql/graphql.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { FormField } from './FormField.tsx';
import { PromptPreview } from './PromptPreview.tsx';
import { WeekdayPicker } from './WeekdayPicker.tsx';

/** The form's values, as typed: lists as text, numbers as strings. */
interface Draft {
  name: string;
  type: BusinessType;
  description: string;
  phoneNumbers: string;
  instructions: string;
  greeting: string;
  voice: string;
  model: string;
  language: string;
  timeZone: string;
  escalationKeywords: string;
  handoffNumber: string;
  answeringMachineDetection: boolean;
  voicemailMessage: string;
  anyTime: boolean;
  start: string;
  end: string;
  days: number[];
  lookupEnabled: boolean;
  maxResults: string;
  minScore: string;
}

const draftOf = (b: Business): Draft => ({
  name: b.name,
  type: b.type,
  description: b.description ?? '',
  phoneNumbers: b.phoneNumbers.join('\n'),
  instructions: b.instructions,
  greeting: b.greeting ?? '',
  voice: b.voice,
  model: b.model,
  language: b.language,
  timeZone: b.timeZone,
  escalationKeywords: b.escalationKeywords.join(', '),
  handoffNumber: b.handoffNumber ?? '',
  answeringMachineDetection: b.answeringMachineDetection,
  voicemailMessage: b.voicemailMessage ?? '',
  anyTime: !b.callingHours,
  start: b.callingHours?.start ?? '09:00',
  end: b.callingHours?.end ?? '17:00',
  days: b.callingHours?.days ?? [1, 2, 3, 4, 5],
  lookupEnabled: b.knowledgeLookup.enabled,
  maxResults: String(b.knowledgeLookup.maxResults),
  minScore: String(b.knowledgeLookup.minScore),
});

/** The mutation input for the draft; every field is sent, so what the form shows is what is saved. */
function inputOf(d: Draft): UpdateBusinessInput {
  return {
    name: d.name,
    type: d.type,
    description: d.description,
    phoneNumbers: d.phoneNumbers
      .split('\n')
      .map((n) => n.trim())
      .filter(Boolean),
    instructions: d.instructions,
    greeting: d.greeting,
    voice: d.voice,
    model: d.model,
    language: d.language,
    timeZone: d.timeZone,
    escalationKeywords: listOf(d.escalationKeywords),
    handoffNumber: d.handoffNumber,
    answeringMachineDetection: d.answeringMachineDetection,
    voicemailMessage: d.voicemailMessage,
    ...(d.anyTime ? { clearCallingHours: true } : { callingHours: { start: d.start, end: d.end, days: d.days } }),
    knowledgeLookup: { enabled: d.lookupEnabled, maxResults: Number(d.maxResults), minScore: Number(d.minScore) },
  };
}

/**
 * Every setting of a business in one form, with the prompt previewed live beside the instructions.
 * `onSave` answers the field errors (or a message) when the server refused the change.
 */
export function BusinessForm(props: {
  business: Business;
  saving: boolean;
  errors: Record<string, string>;
  problem: string;
  readOnly: boolean;
  onSave: (input: UpdateBusinessInput) => void;
}) {
  const [draft, setDraft] = createStore<Draft>(draftOf(props.business));
  const text = (key: keyof Draft) => (event: { currentTarget: { value: string } }) =>
    setDraft(key, event.currentTarget.value as never);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    props.onSave(inputOf(draft));
  };

  return (
    <form class="business-form" aria-label="Business settings" onSubmit={submit}>
      <fieldset disabled={props.readOnly} class="card">
        <legend>Profile</legend>
        <div class="inline-form">
          <FormField label="Name" error={props.errors.name}>
            <input name="name" value={draft.name} onInput={text('name')} required />
          </FormField>
          <FormField label="Type" error={props.errors.type}>
            <select name="type" value={draft.type} onChange={text('type')}>
              <For each={BUSINESS_TYPES}>{(t) => <option value={t.value}>{t.label}</option>}</For>
            </select>
          </FormField>
        </div>
        <FormField
          label="Description"
          error={props.errors.description}
          hint="Available to the instructions as {{business_description}}."
        >
          <textarea name="description" rows={2} value={draft.description} onInput={text('description')} />
        </FormField>
        <FormField
          label="Phone numbers"
          error={props.errors.phoneNumbers}
          hint="One per line, as you like to write them; saved in E.164. Inbound calls to them reach this business; the first is the caller id of outbound calls."
        >
          <textarea name="phoneNumbers" rows={2} value={draft.phoneNumbers} onInput={text('phoneNumbers')} />
        </FormField>
      </fieldset>

      <div class="agent-grid">
        <fieldset disabled={props.readOnly} class="card">
          <legend>Agent</legend>
          <FormField
            label="Instructions"
            error={props.errors.instructions}
            hint="A template: {{business_name}}, {{local_time}}, {{customer_phone}}… (see the variables in the preview); {{#handoff_number}}…{{/handoff_number}} shows only when set."
          >
            <textarea name="instructions" rows={10} value={draft.instructions} onInput={text('instructions')} />
          </FormField>
          <FormField
            label="Greeting"
            error={props.errors.greeting}
            hint="What the agent says first; variables work here too."
          >
            <input name="greeting" value={draft.greeting} onInput={text('greeting')} />
          </FormField>
          <div class="inline-form">
            <FormField label="Voice" error={props.errors.voice}>
              <select name="voice" value={draft.voice} onChange={text('voice')}>
                <For each={VOICES}>{(v) => <option value={v}>{v}</option>}</For>
              </select>
            </FormField>
            <FormField label="Realtime model" error={props.errors.model}>
              <input name="model" list="realtime-models" value={draft.model} onInput={text('model')} />
              <datalist id="realtime-models">
                <For each={MODELS}>{(m) => <option value={m} />}</For>
              </datalist>
            </FormField>
            <FormField label="Language" error={props.errors.language} hint="BCP 47, e.g. en-US, de-DE.">
              <input name="language" value={draft.language} onInput={text('language')} />
            </FormField>
            <FormField label="Time zone" error={props.errors.timeZone} hint="IANA, e.g. America/New_York.">
              <input name="timeZone" value={draft.timeZone} onInput={text('timeZone')} />
            </FormField>
          </div>
        </fieldset>
        <PromptPreview
          businessId={props.business.id}
          draft={{
            name: draft.name,
            description: draft.description,
            instructions: draft.instructions,
            greeting: draft.greeting,
            language: draft.language,
            timeZone: draft.timeZone,
            handoffNumber: draft.handoffNumber,
          }}
        />
      </div>

      <fieldset disabled={props.readOnly} class="card">
        <legend>Calling hours</legend>
        <label class="checkbox">
          <input
            type="checkbox"
            name="anyTime"
            checked={draft.anyTime}
            onChange={(e) => setDraft('anyTime', e.currentTarget.checked)}
          />
          Outbound calls at any time
        </label>
        <Show when={!draft.anyTime}>
          <div class="inline-form">
            <FormField label="From" error={props.errors['callingHours.start']}>
              <input type="time" name="start" value={draft.start} onInput={text('start')} />
            </FormField>
            <FormField label="Until" error={props.errors['callingHours.end']}>
              <input type="time" name="end" value={draft.end} onInput={text('end')} />
            </FormField>
            <WeekdayPicker days={draft.days} onChange={(days) => setDraft('days', days)} />
          </div>
          <p class="hint">
            In the business's time zone ({draft.timeZone}). A call placed outside them is a compliance violation.
          </p>
        </Show>
      </fieldset>

      <fieldset disabled={props.readOnly} class="card">
        <legend>Escalation and voicemail</legend>
        <div class="inline-form">
          <FormField
            label="Escalation keywords"
            error={props.errors.escalationKeywords}
            hint="Comma-separated; a caller saying one is handed to a human."
          >
            <input name="escalationKeywords" value={draft.escalationKeywords} onInput={text('escalationKeywords')} />
          </FormField>
          <FormField
            label="Handoff number"
            error={props.errors.handoffNumber}
            hint="Where callers go when no agent can take them; empty for none."
          >
            <input name="handoffNumber" value={draft.handoffNumber} onInput={text('handoffNumber')} />
          </FormField>
        </div>
        <label class="checkbox">
          <input
            type="checkbox"
            name="answeringMachineDetection"
            checked={draft.answeringMachineDetection}
            onChange={(e) => setDraft('answeringMachineDetection', e.currentTarget.checked)}
          />
          Detect answering machines on outbound calls
        </label>
        <FormField
          label="Voicemail message"
          error={props.errors.voicemailMessage}
          hint="Left after the beep; empty to hang up on machines."
        >
          <input name="voicemailMessage" value={draft.voicemailMessage} onInput={text('voicemailMessage')} />
        </FormField>
      </fieldset>

      <fieldset disabled={props.readOnly} class="card">
        <legend>Knowledge lookup</legend>
        <label class="checkbox">
          <input
            type="checkbox"
            name="lookupEnabled"
            checked={draft.lookupEnabled}
            onChange={(e) => setDraft('lookupEnabled', e.currentTarget.checked)}
          />
          The agent looks answers up in the knowledge base
        </label>
        <div class="inline-form">
          <FormField label="Passages per question" error={props.errors['knowledgeLookup.maxResults']}>
            <input
              type="number"
              min="1"
              max="10"
              name="maxResults"
              value={draft.maxResults}
              onInput={text('maxResults')}
            />
          </FormField>
          <FormField label="Minimum score (0–1)" error={props.errors['knowledgeLookup.minScore']}>
            <input
              type="number"
              min="0"
              max="1"
              step="0.05"
              name="minScore"
              value={draft.minScore}
              onInput={text('minScore')}
            />
          </FormField>
        </div>
      </fieldset>

      <ErrorAlert message={props.problem} />
      <Show when={!props.readOnly}>
        <button type="submit" disabled={props.saving}>
          {props.saving ? 'Saving…' : 'Save changes'}
        </button>
      </Show>
    </form>
  );
}
