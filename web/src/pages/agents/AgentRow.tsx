import { createMutation } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDuration } from '../../format.ts';
import { graphql } from '../../gql/gql.ts';
import type { Availability } from '../../gql/graphql.ts';
import { dataOf, mutationProblem } from '../../graphql.ts';
import { can, useViewer } from '../../viewer.tsx';
import type { HumanAgent } from './human-agents.ts';

const AVAILABILITIES: readonly { value: Availability; label: string }[] = [
  { value: 'AVAILABLE', label: 'Available' },
  { value: 'BUSY', label: 'Busy' },
  { value: 'OFFLINE', label: 'Offline' },
];

const SetAvailability = graphql(`
  mutation ConsoleSetAgentAvailability($id: ID!, $availability: Availability!) {
    setAgentAvailability(id: $id, availability: $availability) {
      __typename
      ... on MutationSetAgentAvailabilitySuccess { data { ...HumanAgentFields } }
      ... on Error { message }
    }
  }
`);
const DeleteAgent = graphql(`
  mutation ConsoleDeleteHumanAgent($id: ID!) {
    deleteHumanAgent(id: $id) { __typename ... on Error { message } }
  }
`);

const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)}%`);

/** One agent: who they are, their availability (switchable by who may), load and stats; edit and delete for managers. */
export function AgentRow(props: {
  agent: HumanAgent;
  onChange: (agent: HumanAgent) => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const viewer = useViewer();
  const [, setAvailability] = createMutation(SetAvailability);
  const [, deleteAgent] = createMutation(DeleteAgent);
  const [busy, setBusy] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  const [problem, setProblem] = createSignal('');
  const self = () => !!viewer.user && props.agent.user?.id === viewer.user.id;
  const mayToggle = () => can(viewer, 'AGENTS_MANAGE') || (self() && can(viewer, 'AGENTS_AVAILABILITY'));

  const change = async (availability: Availability) => {
    setBusy(true);
    const result = await setAvailability({ id: props.agent.id, availability });
    setBusy(false);
    const agent = dataOf(result.data?.setAgentAvailability);
    if (agent) props.onChange(agent);
    setProblem(mutationProblem(result));
  };
  const remove = async () => {
    setConfirming(false);
    setBusy(true);
    const message = mutationProblem(await deleteAgent({ id: props.agent.id }));
    setBusy(false);
    setProblem(message);
    if (!message) props.onDelete();
  };

  return (
    <tr data-testid="agent" data-agent-id={props.agent.id} data-availability={props.agent.availability}>
      <td>
        <strong data-testid="agent-name">{props.agent.name}</strong>
        {self() ? ' (you)' : ''}
        <div class="muted">
          {props.agent.email} · {props.agent.phoneNumber}
        </div>
        <Show when={props.agent.user}>{(user) => <div class="muted">Console user: {user().displayName}</div>}</Show>
      </td>
      <td>{props.agent.department ?? '–'}</td>
      <td>
        <For each={props.agent.skills} fallback="–">
          {(skill) => <span class="badge tag">{skill}</span>}
        </For>
      </td>
      <td>
        <fieldset class="segmented" aria-label={`Availability of ${props.agent.name}`}>
          <For each={AVAILABILITIES}>
            {(option) => (
              <button
                type="button"
                class={`availability-${option.value.toLowerCase()}`}
                aria-pressed={props.agent.availability === option.value}
                disabled={busy() || !mayToggle()}
                onClick={() => props.agent.availability !== option.value && change(option.value)}
              >
                {option.label}
              </button>
            )}
          </For>
        </fieldset>
        <ErrorAlert message={problem()} />
      </td>
      <td data-testid="agent-load">
        {props.agent.currentLoad} / {props.agent.maxConcurrent}
      </td>
      <td data-testid="agent-handled">{props.agent.stats.handled}</td>
      <td>
        {props.agent.stats.averageHandleSeconds === null
          ? '–'
          : formatDuration(Math.round(props.agent.stats.averageHandleSeconds))}
      </td>
      <td data-testid="agent-resolution-rate">{percent(props.agent.stats.resolutionRate)}</td>
      <td class="actions">
        <Show when={can(viewer, 'AGENTS_MANAGE')}>
          <Show
            when={confirming()}
            fallback={
              <>
                <button type="button" class="secondary" disabled={busy()} onClick={props.onEdit}>
                  Edit
                </button>
                <button type="button" class="secondary" disabled={busy()} onClick={() => setConfirming(true)}>
                  Delete
                </button>
              </>
            }
          >
            <span class="confirm">Remove {props.agent.name}?</span>
            <button type="button" class="danger" onClick={remove}>
              Delete agent
            </button>
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </Show>
        </Show>
      </td>
    </tr>
  );
}
