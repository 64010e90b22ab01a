import type { ResultOf } from '@graphql-typed-document-node/core';
import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { formatDateTime } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import type { Role, UpdateUserInput } from '../gql/graphql.ts';
import { describeError, mutationProblem } from '../graphql.ts';
import { ROLES, useViewer } from '../viewer.tsx';

const UserFields = graphql(`
  fragment UserFields on User { id email displayName role active lastLoginAt }
`);
type UserRow = ResultOf<typeof UserFields>;

const UsersQuery = graphql(`
  query ConsoleUsers { users { ...UserFields } }
`);
const CreateUser = graphql(`
  mutation ConsoleCreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      __typename
      ... on MutationCreateUserSuccess { data { ...UserFields } }
      ... on Error { message }
    }
  }
`);
const UpdateUser = graphql(`
  mutation ConsoleUpdateUser($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      __typename
      ... on MutationUpdateUserSuccess { data { ...UserFields } }
      ... on Error { message }
    }
  }
`);

export function Users() {
  const viewer = useViewer();
  const [users] = createQuery({ query: UsersQuery });
  const [, createUser] = createMutation(CreateUser);
  const [, updateUser] = createMutation(UpdateUser);
  const [email, setEmail] = createSignal('');
  const [displayName, setDisplayName] = createSignal('');
  const [role, setRole] = createSignal<Role>('AGENT');
  const [password, setPassword] = createSignal('');
  const [notice, setNotice] = createSignal('');
  const [error, setError] = createSignal('');

  /** Shows the outcome of a change: `done` when it succeeded, why not otherwise. */
  const report = (problem: string, done: string) => {
    setError(problem);
    setNotice(problem ? '' : done);
    return !problem;
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const address = email().trim();
    const invite = !password();
    const input = {
      email: address,
      displayName: displayName().trim(),
      role: role(),
      ...(!invite && { password: password() }),
    };
    const added = report(
      mutationProblem(await createUser({ input })),
      invite
        ? `${address} was added. An invitation mail with a link to set a password has been sent.`
        : `${address} was added and can sign in with the password you chose.`,
    );
    if (!added) return;
    setEmail('');
    setDisplayName('');
    setPassword('');
  };

  const update = async (user: UserRow, input: UpdateUserInput, done: string) =>
    report(mutationProblem(await updateUser({ id: user.id, input })), done);

  return (
    <section>
      <h1>Users</h1>
      <form class="card inline-form" onSubmit={submit} aria-label="Add a user">
        <label>
          Email
          <input type="email" name="email" value={email()} onInput={(e) => setEmail(e.currentTarget.value)} required />
        </label>
        <label>
          Name
          <input
            name="displayName"
            value={displayName()}
            onInput={(e) => setDisplayName(e.currentTarget.value)}
            required
          />
        </label>
        <label>
          Role
          <select name="role" value={role()} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            <For each={ROLES}>{(r) => <option value={r}>{r.toLowerCase()}</option>}</For>
          </select>
        </label>
        <label>
          Password (optional)
          <input
            type="password"
            name="password"
            autocomplete="new-password"
            placeholder="Empty: send an invitation"
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <button type="submit">Add user</button>
      </form>
      <Show when={notice()}>
        <p class="notice" role="status">
          {notice()}
        </p>
      </Show>
      <ErrorAlert message={error() || (users.error && describeError(users.error))} />
      <table aria-label="Users">
        <thead>
          <tr>
            <th>Email</th>
            <th>Name</th>
            <th>Role</th>
            <th>Status</th>
            <th>Last sign-in</th>
            <th />
          </tr>
        </thead>
        <tbody>
          <For each={users.data?.users ?? []}>
            {(user) => {
              const self = () => user.id === viewer.user?.id;
              return (
                <tr data-user-id={user.id}>
                  <td>
                    {user.email}
                    <Show when={self()}>
                      <span class="muted"> (you)</span>
                    </Show>
                  </td>
                  <td>{user.displayName}</td>
                  <td>
                    <select
                      aria-label={`Role of ${user.email}`}
                      value={user.role}
                      disabled={self()}
                      onChange={async (e) => {
                        const select = e.currentTarget;
                        const next = select.value as Role;
                        const saved = await update(user, { role: next }, `${user.email} is now ${next.toLowerCase()}.`);
                        if (!saved) select.value = user.role;
                      }}
                    >
                      <For each={ROLES}>{(r) => <option value={r}>{r.toLowerCase()}</option>}</For>
                    </select>
                  </td>
                  <td>
                    <span class={`badge ${user.active ? 'badge-ok' : 'badge-off'}`}>
                      {user.active ? 'active' : 'deactivated'}
                    </span>
                  </td>
                  <td>{formatDateTime(user.lastLoginAt, 'never')}</td>
                  <td class="actions">
                    <Show when={!self()}>
                      <button
                        type="button"
                        class="secondary"
                        onClick={() =>
                          update(
                            user,
                            { active: !user.active },
                            user.active
                              ? `${user.email} was deactivated and signed out everywhere.`
                              : `${user.email} can sign in again.`,
                          )
                        }
                      >
                        {user.active ? 'Deactivate' : 'Activate'}
                      </button>
                    </Show>
                  </td>
                </tr>
              );
            }}
          </For>
        </tbody>
      </table>
    </section>
  );
}
