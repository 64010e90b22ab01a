import type { ResultOf } from '@graphql-typed-document-node/core';
import { createMutation, createQuery, useClient } from '@urql/solid';
import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { liveReconnects } from '../client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { createOutcome, OutcomeMessage } from '../components/Outcome.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { EscalationChanged } from '../escalations.ts';
import { formatDuration } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import type { Availability, CreateHumanAgentInput } from '../gql/graphql.ts';
import { dataOf, describeError, mutationProblem } from '../graphql.ts';
import { can, useViewer } from '../viewer.tsx';

const HumanAgentFields = graphql(`
  fragment HumanAgentFields on HumanAgent {
    id name email phoneNumber skills department availability maxConcurrent currentLoad
    user { id displayName email } stats { handled averageHandleSeconds resolutionRate }
  }
`);
type HumanAgent = ResultOf<typeof HumanAgentFields>;

const AVAILABILITIES: readonly { value: Availability; label: string }[] = [
  { value: 'AVAILABLE', label: 'Available' },
  { value: 'BUSY', label: 'Busy' },
  { value: 'OFFLINE', label: 'Offline' },
];
/** After an escalation changes, agents' load and stats are fetched again this much later. */
const RELOAD_AFTER_ESCALATION_MS = 300;

const AgentsQuery = graphql(`
  query ConsoleHumanAgents { humanAgents { ...HumanAgentFields } }
`);
const UsersQuery = graphql(`
  query ConsoleAgentUsers { users { id displayName email active } }
`);
const SetAvailability = graphql(`
  mutation ConsoleSetAgentAvailability($id: ID!, $availability: Availability!) {
    setAgentAvailability(id: $id, availability: $availability) {
      __typename
      ... on MutationSetAgentAvailabilitySuccess { data { ...HumanAgentFields } }
      ... on Error { message }
    }
  }
`);
const CreateAgent = graphql(`
  mutation ConsoleCreateHumanAgent($input: CreateHumanAgentInput!) {
    createHumanAgent(input: $input) {
      __typename
      ... on MutationCreateHumanAgentSuccess { data { ...HumanAgentFields } }
      ... on Error { message }
    }
  }
`);
const UpdateAgent = graphql(`
  mutation ConsoleUpdateHumanAgent($id: ID!, $input: UpdateHumanAgentInput!) {
    updateHumanAgent(id: $id, input: $input) {
      __typename
      ... on MutationUpdateHumanAgentSuccess { data { ...HumanAgentFields } }
      ... on Error { message }
    }
  }
`);
const DeleteAgent = graphql(`
  mutation ConsoleDeleteHumanAgent($id: ID!) {
    deleteHumanAgent(id: $id) { __typename ... on Error { message } }
  }
`);

const listOf = (text: string) => [...new Set(text.split(',').map((s) => s.trim()))].filter(Boolean);
const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)}%`);

/**
 * The human agents escalations go to: availability (an agent sets their own, a supervisor anyone's),
 * load, skills, department and how they perform; supervisors add, change and remove them.
 */
export function Agents() {
  const client = useClient();
  const viewer = useViewer();
  const [agents, setAgents] = createStore<HumanAgent[]>([]);
  const [loading, setLoading] = createSignal(true);
  const [problem, setProblem] = createSignal('');
  const [editing, setEditing] = createSignal<string | null>(null);
  const manager = () => can(viewer, 'AGENTS_MANAGE');

  const load = async () => {
    const result = await client.query(AgentsQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    setLoading(false);
    setProblem(result.error ? describeError(result.error) : '');
    if (result.data) setAgents(reconcile(result.data.humanAgents));
  };
  const place = (agent: HumanAgent) =>
    setAgents((list) =>
      list.some((a) => a.id === agent.id)
        ? list.map((a) => (a.id === agent.id ? agent : a))
        : [...list, agent].sort((a, b) => a.name.localeCompare(b.name)),
    );

  // Offers, accepts and completions change agents' load and stats.
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  const subscription = client.subscription(EscalationChanged, {}).subscribe(() => {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(load, RELOAD_AFTER_ESCALATION_MS);
  });
  onCleanup(() => {
    subscription.unsubscribe();
    clearTimeout(reloadTimer);
  });
  load();
  createEffect(on(liveReconnects, load, { defer: true }));

  return (
    <section>
      <h1>Agents</h1>
      <p class="hint">
        The people escalated calls go to. Only available agents with room under their limit are offered calls; the least
        loaded goes first.
      </p>
      <Show when={manager()}>
        <AgentForm label="Add an agent" submitLabel="Add agent" onSaved={place} />
      </Show>
      <ErrorAlert message={problem()} />
      <table aria-label="Agents">
        <thead>
          <tr>
            <th>Agent</th>
            <th>Department</th>
            <th>Skills</th>
            <th>Availability</th>
            <th>Load</th>
            <th>Handled</th>
            <th>Avg handle time</th>
            <th>Resolved</th>
            <th />
          </tr>
        </thead>
        <tbody>
          <For
            each={agents}
            fallback={
              <tr>
                <td colSpan={9} class="empty">
                  {loading() ? 'Loading…' : 'No agents yet.'}
                </td>
              </tr>
            }
          >
            {(agent) => (
              <Show
                when={editing() === agent.id}
                fallback={
                  <AgentRow
                    agent={agent}
                    onChange={place}
                    onEdit={() => setEditing(agent.id)}
                    onDelete={() => setAgents((list) => list.filter((a) => a.id !== agent.id))}
                  />
                }
              >
                <tr data-testid="agent-editing">
                  <td colSpan={9}>
                    <AgentForm
                      label={`Edit ${agent.name}`}
                      submitLabel="Save agent"
                      agent={agent}
                      onSaved={(saved) => {
                        place(saved);
                        setEditing(null);
                      }}
                      onCancel={() => setEditing(null)}
                    />
                  </td>
                </tr>
              </Show>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}

function AgentRow(props: {
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

/** Adds an agent, or changes one; only admins can list every user to link, others can link themselves. */
function AgentForm(props: {
  label: string;
  submitLabel: string;
  agent?: HumanAgent;
  onSaved: (agent: HumanAgent) => void;
  onCancel?: () => void;
}) {
  const viewer = useViewer();
  const [, createAgent] = createMutation(CreateAgent);
  const [, updateAgent] = createMutation(UpdateAgent);
  const [users] = createQuery({ query: UsersQuery, pause: !can(viewer, 'USERS_MANAGE') });
  const outcome = createOutcome();
  const [name, setName] = createSignal(props.agent?.name ?? '');
  const [email, setEmail] = createSignal(props.agent?.email ?? '');
  const [phone, setPhone] = createSignal(props.agent?.phoneNumber ?? '');
  const [skills, setSkills] = createSignal(props.agent?.skills.join(', ') ?? '');
  const [department, setDepartment] = createSignal(props.agent?.department ?? '');
  const [maxConcurrent, setMaxConcurrent] = createSignal(String(props.agent?.maxConcurrent ?? 1));
  const [userId, setUserId] = createSignal(props.agent?.user?.id ?? '');
  const [saving, setSaving] = createSignal(false);

  /** Who can be linked: everyone when the viewer may list users, else the viewer and the current link. */
  const userChoices = () => {
    const choices = new Map<string, string>();
    for (const user of users.data?.users ?? []) {
      if (user.active) choices.set(user.id, `${user.displayName} <${user.email}>`);
    }
    if (viewer.user) choices.set(viewer.user.id, `${viewer.user.displayName} <${viewer.user.email}> (me)`);
    const linked = props.agent?.user;
    if (linked && !choices.has(linked.id)) choices.set(linked.id, `${linked.displayName} <${linked.email}>`);
    return [...choices];
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const input: CreateHumanAgentInput = {
      name: name().trim(),
      email: email().trim(),
      phoneNumber: phone().trim(),
      skills: listOf(skills()),
      department: department().trim() || null,
      maxConcurrent: Number(maxConcurrent()),
      userId: userId() || null,
    };
    setSaving(true);
    outcome.clear();
    const result = props.agent ? await updateAgent({ id: props.agent.id, input }) : await createAgent({ input });
    setSaving(false);
    const answer =
      result.data && ('createHumanAgent' in result.data ? result.data.createHumanAgent : result.data.updateHumanAgent);
    const saved = dataOf(answer);
    const problem = mutationProblem(result);
    if (!problem && saved) {
      props.onSaved(saved);
      if (!props.agent) {
        for (const clear of [setName, setEmail, setPhone, setSkills, setDepartment, setUserId]) clear('');
        setMaxConcurrent('1');
      }
    }
    outcome.report(problem, props.agent ? '' : `${input.name} added (offline until set available).`);
  };

  return (
    <form class="card stack agent-form" aria-label={props.label} onSubmit={submit}>
      <h2>{props.label}</h2>
      <div class="inline-form">
        <label>
          Name
          <input name="name" value={name()} onInput={(e) => setName(e.currentTarget.value)} required />
        </label>
        <label>
          Email
          <input name="email" type="email" value={email()} onInput={(e) => setEmail(e.currentTarget.value)} required />
        </label>
        <label>
          Phone
          <input
            name="phoneNumber"
            placeholder="+14155550100"
            value={phone()}
            onInput={(e) => setPhone(e.currentTarget.value)}
            required
          />
        </label>
      </div>
      <div class="inline-form">
        <label>
          Skills
          <input
            name="skills"
            placeholder="Comma-separated"
            value={skills()}
            onInput={(e) => setSkills(e.currentTarget.value)}
          />
        </label>
        <label>
          Department
          <input
            name="department"
            placeholder="Optional"
            value={department()}
            onInput={(e) => setDepartment(e.currentTarget.value)}
          />
        </label>
        <label>
          Max concurrent
          <input
            class="narrow"
            name="maxConcurrent"
            type="number"
            min="1"
            max="10"
            value={maxConcurrent()}
            onInput={(e) => setMaxConcurrent(e.currentTarget.value)}
          />
        </label>
        <SelectField label="Console user" name="userId" value={userId()} onChange={setUserId}>
          <option value="" selected={userId() === ''}>
            Nobody (offers by email only)
          </option>
          <For each={userChoices()}>
            {([id, label]) => (
              <option value={id} selected={id === userId()}>
                {label}
              </option>
            )}
          </For>
        </SelectField>
      </div>
      <div class="button-row">
        <button type="submit" disabled={saving()}>
          {saving() ? 'Saving…' : props.submitLabel}
        </button>
        <Show when={props.onCancel}>
          {(cancel) => (
            <button type="button" class="secondary" onClick={cancel()}>
              Cancel
            </button>
          )}
        </Show>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}
