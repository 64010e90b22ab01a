import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { createOutcome, OutcomeMessage } from '../../components/Outcome.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { graphql } from '../../gql/gql.ts';
import type { CreateHumanAgentInput } from '../../gql/graphql.ts';
import { dataOf, mutationProblem } from '../../graphql.ts';
import { can, useViewer } from '../../viewer.tsx';
import type { HumanAgent } from './human-agents.ts';

const UsersQuery = graphql(`
  query ConsoleAgentUsers { users { id displayName email active } }
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

const listOf = (text: string) => [...new Set(text.split(',').map((s) => s.trim()))].filter(Boolean);

/** Adds an agent, or changes one; only admins can list every user to link, others can link themselves. */
export function AgentForm(props: {
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
