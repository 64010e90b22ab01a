import { createMutation } from '@urql/solid';
import { createSignal, For } from 'solid-js';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { graphql } from '../../gql/gql.ts';
import { mutationProblem } from '../../graphql.ts';

const StartCall = graphql(`
  mutation ConsoleStartCall($input: StartCallInput!) {
    startCall(input: $input) { __typename ... on MutationStartCallSuccess { data { id } } ... on Error { message } }
  }
`);

/** Places an outbound call from one of the active businesses (the first until one is chosen). */
export function StartCallForm(props: { businesses: { id: string; name: string }[] }) {
  const [, startCall] = createMutation(StartCall);
  const [toNumber, setToNumber] = createSignal('');
  const [businessId, setBusinessId] = createSignal('');
  const [formError, setFormError] = createSignal('');

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setFormError('');
    const business = businessId() || props.businesses[0]?.id;
    if (!business) return setFormError('Create a business first.');
    const problem = mutationProblem(await startCall({ input: { businessId: business, toNumber: toNumber().trim() } }));
    setFormError(problem);
    if (!problem) setToNumber('');
  };

  return (
    <form class="card inline-form" onSubmit={submit} aria-label="Start a call">
      <label>
        Business
        <select value={businessId()} onChange={(e) => setBusinessId(e.currentTarget.value)}>
          <For each={props.businesses}>{(b) => <option value={b.id}>{b.name}</option>}</For>
        </select>
      </label>
      <label>
        Number to call
        <input
          name="toNumber"
          placeholder="+14155550100"
          value={toNumber()}
          onInput={(e) => setToNumber(e.currentTarget.value)}
          required
        />
      </label>
      <button type="submit">Start call</button>
      <ErrorAlert message={formError()} />
    </form>
  );
}
