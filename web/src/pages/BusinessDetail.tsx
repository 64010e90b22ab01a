import { A, useNavigate, useParams } from '@solidjs/router';
import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { type Business, fieldProblems, UpdateBusiness } from '../business.ts';
import { BusinessForm } from '../components/BusinessForm.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { formatDateTime } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import type { UpdateBusinessInput } from '../gql/graphql.ts';
import { dataOf, describeError, mutationProblem } from '../graphql.ts';
import { can, useViewer } from '../viewer.tsx';

const BusinessQuery = graphql(`
  query ConsoleBusiness($id: ID!) {
    businessConfig(id: $id) {
      ...BusinessFields
      instructionsHistory(first: 20) { id version instructions greeting createdBy createdAt callCount }
    }
  }
`);
const ArchiveBusiness = graphql(`
  mutation ConsoleArchiveBusiness($id: ID!) {
    archiveBusiness(id: $id) { __typename ... on MutationArchiveBusinessSuccess { data { ...BusinessFields } } ... on Error { message } }
  }
`);
const RestoreBusiness = graphql(`
  mutation ConsoleRestoreBusiness($id: ID!) {
    restoreBusiness(id: $id) {
      __typename
      ... on MutationRestoreBusinessSuccess { data { ...BusinessFields } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { message }
    }
  }
`);
const DeleteBusiness = graphql(`
  mutation ConsoleDeleteBusiness($id: ID!) { deleteBusiness(id: $id) { __typename ... on Error { message } } }
`);

/** One business: every setting, the prompt previewed live, the instructions' history, archive and delete. */
export function BusinessDetail() {
  const params = useParams<{ id: string }>();
  const viewer = useViewer();
  const [result, refetch] = createQuery({
    query: BusinessQuery,
    variables: () => ({ id: params.id }),
    requestPolicy: 'network-only',
  });
  const [, update] = createMutation(UpdateBusiness);
  const [saving, setSaving] = createSignal(false);
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [problem, setProblem] = createSignal('');
  const [notice, setNotice] = createSignal('');
  const manager = () => can(viewer, 'BUSINESSES_MANAGE');

  const save = async (input: UpdateBusinessInput) => {
    setSaving(true);
    setNotice('');
    const outcome = await update({ id: params.id, input });
    setSaving(false);
    const saved = dataOf(outcome.data?.updateBusiness);
    const refused = outcome.data?.updateBusiness;
    const fields = refused && 'fieldErrors' in refused ? fieldProblems(refused.fieldErrors) : {};
    setErrors(fields);
    setProblem(
      saved
        ? ''
        : Object.keys(fields).length
          ? 'Some settings need fixing (see each field).'
          : mutationProblem(outcome),
    );
    if (saved) {
      setNotice(`Saved. Calls from now on use instructions version ${saved.instructionsVersion}.`);
      refetch({ requestPolicy: 'network-only' });
    }
  };

  return (
    <section>
      <p class="crumbs">
        <A href="/businesses">Businesses</A>
      </p>
      <ErrorAlert message={result.error && describeError(result.error)} />
      <Show when={result.data && !result.data.businessConfig}>
        <p class="empty">There is no such business.</p>
      </Show>
      <Show when={result.data?.businessConfig} keyed>
        {(business) => (
          <>
            <header class="call-header">
              <h1 data-testid="business-name">{business.name}</h1>
              <Show when={!business.active}>
                <span class="badge">archived</span>
              </Show>
              <A href={`/businesses/${business.id}/quality`}>Quality and escalation rules</A>
              <A href={`/businesses/${business.id}/post-call`}>After the call</A>
            </header>
            <Show when={notice()}>
              <p class="notice" role="status">
                {notice()}
              </p>
            </Show>
            <BusinessForm
              business={business}
              saving={saving()}
              errors={errors()}
              problem={problem()}
              readOnly={!manager()}
              onSave={save}
            />
            <History versions={business.instructionsHistory} />
            <Show when={manager()}>
              <Lifecycle business={business} onChange={() => refetch({ requestPolicy: 'network-only' })} />
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}

function History(props: {
  versions: {
    id: string;
    version: number;
    instructions: string;
    greeting: string | null;
    createdBy: string | null;
    createdAt: string;
    callCount: number;
  }[];
}) {
  return (
    <section class="card" aria-label="Instructions history">
      <h2>Instructions history</h2>
      <table>
        <thead>
          <tr>
            <th>Version</th>
            <th>By</th>
            <th>When</th>
            <th>Calls</th>
            <th>Instructions and greeting</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.versions}>
            {(v) => (
              <tr data-testid="instructions-version">
                <td>{v.version}</td>
                <td>{v.createdBy ?? 'platform'}</td>
                <td>{formatDateTime(v.createdAt)}</td>
                <td>{v.callCount}</td>
                <td>
                  <details>
                    <summary>{v.instructions.slice(0, 80)}…</summary>
                    <pre class="prompt">{v.instructions}</pre>
                    <p>Greeting: {v.greeting ?? '–'}</p>
                  </details>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}

function Lifecycle(props: { business: Business; onChange: () => void }) {
  const navigate = useNavigate();
  const [, archive] = createMutation(ArchiveBusiness);
  const [, restore] = createMutation(RestoreBusiness);
  const [, remove] = createMutation(DeleteBusiness);
  const [problem, setProblem] = createSignal('');
  const run = async (pending: Promise<Parameters<typeof mutationProblem>[0]>) => {
    const message = mutationProblem(await pending);
    setProblem(message);
    if (!message) props.onChange();
  };
  return (
    <section class="card" aria-label="Archive or delete">
      <h2>Archive or delete</h2>
      <Show
        when={props.business.active}
        fallback={
          <button type="button" onClick={() => run(restore({ id: props.business.id }))}>
            Restore business
          </button>
        }
      >
        <p class="hint">
          Archived, the business stops answering (its numbers become free) and keeps its {props.business.callCount}{' '}
          calls. A business that never had a call can be deleted.
        </p>
        <div class="button-row">
          <button type="button" class="secondary" onClick={() => run(archive({ id: props.business.id }))}>
            Archive business
          </button>
          <Show when={props.business.callCount === 0}>
            <button
              type="button"
              class="danger"
              onClick={async () => {
                const message = mutationProblem(await remove({ id: props.business.id }));
                setProblem(message);
                if (!message) navigate('/businesses');
              }}
            >
              Delete business
            </button>
          </Show>
        </div>
      </Show>
      <ErrorAlert message={problem()} />
    </section>
  );
}
