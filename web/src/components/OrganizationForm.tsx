import { createMutation } from '@urql/solid';
import { createSignal } from 'solid-js';
import { dataOf, mutationProblem } from '../graphql.ts';
import { UpdateOrganization } from '../settings.ts';
import { createOutcome, OutcomeMessage } from './Outcome.tsx';

export interface OrganizationDetails {
  id: string;
  name: string;
  country: string | null;
  timeZone: string;
}

/** The organisation's name, country (numbers written without +country are read in it) and time zone. */
export function OrganizationForm(props: {
  organization: OrganizationDetails;
  submitLabel: string;
  onSaved: (o: OrganizationDetails) => void;
}) {
  const [, update] = createMutation(UpdateOrganization);
  const [name, setName] = createSignal(props.organization.name);
  const [country, setCountry] = createSignal(props.organization.country ?? '');
  const [timeZone, setTimeZone] = createSignal(props.organization.timeZone);
  const outcome = createOutcome();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const result = await update({
      input: { name: name().trim(), country: country().trim(), timeZone: timeZone().trim() },
    });
    const saved = dataOf(result.data?.updateOrganization);
    const refused = result.data?.updateOrganization;
    const fields =
      refused && 'fieldErrors' in refused ? refused.fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; ') : '';
    if (outcome.report(saved ? '' : fields || mutationProblem(result), 'Saved.') && saved) props.onSaved(saved);
  };
  return (
    <form class="card inline-form" aria-label="Organisation" onSubmit={submit}>
      <label>
        Organisation name
        <input name="organizationName" value={name()} onInput={(e) => setName(e.currentTarget.value)} required />
      </label>
      <label>
        Country
        <input
          name="country"
          value={country()}
          onInput={(e) => setCountry(e.currentTarget.value)}
          placeholder="US"
          maxLength={2}
        />
      </label>
      <label>
        Time zone
        <input
          name="organizationTimeZone"
          value={timeZone()}
          onInput={(e) => setTimeZone(e.currentTarget.value)}
          placeholder="America/New_York"
        />
      </label>
      <button type="submit">{props.submitLabel}</button>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}
