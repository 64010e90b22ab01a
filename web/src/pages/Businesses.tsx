import { A, useNavigate } from '@solidjs/router';
import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { BUSINESS_TYPES, CreateBusiness, fieldProblems } from '../business.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { graphql } from '../gql/gql.ts';
import type { BusinessType } from '../gql/graphql.ts';
import { dataOf, describeError, mutationProblem } from '../graphql.ts';
import { can, useViewer } from '../viewer.tsx';

const BusinessesQuery = graphql(`
  query ConsoleBusinessList($includeInactive: Boolean) {
    businessConfigs(includeInactive: $includeInactive) {
      id name type phoneNumbers voice language active callCount instructionsVersion
    }
  }
`);

/** The organisation's businesses; those who may manage them add new ones here and open each to change it. */
export function Businesses() {
  const viewer = useViewer();
  const [archived, setArchived] = createSignal(false);
  const [result] = createQuery({
    query: BusinessesQuery,
    variables: () => ({ includeInactive: archived() }),
    requestPolicy: 'cache-and-network',
  });
  return (
    <section>
      <h1>Businesses</h1>
      <p class="hint">
        Who the voice agent is for each of your lines: numbers, instructions, voice, escalation and voicemail.
      </p>
      <Show when={can(viewer, 'BUSINESSES_MANAGE')}>
        <NewBusiness />
      </Show>
      <label class="checkbox">
        <input type="checkbox" checked={archived()} onChange={(e) => setArchived(e.currentTarget.checked)} />
        Show archived businesses
      </label>
      <ErrorAlert message={result.error && describeError(result.error)} />
      <table aria-label="Businesses">
        <thead>
          <tr>
            <th>Name</th>
            <th>Type</th>
            <th>Numbers</th>
            <th>Voice</th>
            <th>Language</th>
            <th>Instructions</th>
            <th>Calls</th>
          </tr>
        </thead>
        <tbody>
          <For
            each={result.data?.businessConfigs ?? []}
            fallback={
              <tr>
                <td colSpan={7} class="empty">
                  {result.fetching ? 'Loading…' : 'No businesses yet.'}
                </td>
              </tr>
            }
          >
            {(b) => (
              <tr data-testid="business-row" classList={{ muted: !b.active }}>
                <td>
                  <A href={`/businesses/${b.id}`}>{b.name}</A>
                  <Show when={!b.active}>
                    <span class="badge">archived</span>
                  </Show>
                </td>
                <td>{b.type.toLowerCase().replace('_', ' ')}</td>
                <td>{b.phoneNumbers.join(', ') || '–'}</td>
                <td>{b.voice}</td>
                <td>{b.language}</td>
                <td>version {b.instructionsVersion}</td>
                <td>{b.callCount}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}

function NewBusiness() {
  const navigate = useNavigate();
  const [, create] = createMutation(CreateBusiness);
  const [name, setName] = createSignal('');
  const [type, setType] = createSignal<BusinessType>('CUSTOMER_SUPPORT');
  const [problem, setProblem] = createSignal('');
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const result = await create({ input: { name: name(), type: type() } });
    const created = dataOf(result.data?.createBusiness);
    if (created) {
      navigate(`/businesses/${created.id}`);
      return;
    }
    const outcome = result.data?.createBusiness;
    const fields = outcome && 'fieldErrors' in outcome ? fieldProblems(outcome.fieldErrors) : {};
    setProblem(Object.values(fields).join('; ') || mutationProblem(result));
  };
  return (
    <form class="card inline-form" aria-label="New business" onSubmit={submit}>
      <label>
        New business
        <input name="name" placeholder="Name" value={name()} onInput={(e) => setName(e.currentTarget.value)} required />
      </label>
      <label>
        Type
        <select name="type" value={type()} onChange={(e) => setType(e.currentTarget.value as BusinessType)}>
          <For each={BUSINESS_TYPES}>{(t) => <option value={t.value}>{t.label}</option>}</For>
        </select>
      </label>
      <button type="submit">Create business</button>
      <p class="hint">It starts from the type's instructions; you change everything on the next page.</p>
      <ErrorAlert message={problem()} />
    </form>
  );
}
