import type { ResultOf } from '@graphql-typed-document-node/core';
import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { formatDateTime } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import type { Role } from '../gql/graphql.ts';
import { dataOf, describeError, mutationProblem } from '../graphql.ts';
import { ROLES } from '../viewer.tsx';

const ApiKeyFields = graphql(`
  fragment ApiKeyFields on ApiKey { id name prefix role createdAt lastUsedAt expiresAt revokedAt }
`);
type ApiKeyRow = ResultOf<typeof ApiKeyFields>;

const ApiKeysQuery = graphql(`
  query ConsoleApiKeys { apiKeys { ...ApiKeyFields } }
`);
const CreateApiKey = graphql(`
  mutation ConsoleCreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      __typename
      ... on MutationCreateApiKeySuccess { data { secret apiKey { ...ApiKeyFields } } }
      ... on Error { message }
    }
  }
`);
const RevokeApiKey = graphql(`
  mutation ConsoleRevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      __typename
      ... on MutationRevokeApiKeySuccess { data { ...ApiKeyFields } }
      ... on Error { message }
    }
  }
`);

/** The end of the chosen day, in the browser's time zone. */
const endOfDay = (date: string) => new Date(`${date}T23:59:59`).toISOString();
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

export function ApiKeys() {
  // Named so that creating the first key also refreshes an empty list.
  const [keys] = createQuery({ query: ApiKeysQuery, context: { additionalTypenames: ['ApiKey'] } });
  const [, createApiKey] = createMutation(CreateApiKey);
  const [, revokeApiKey] = createMutation(RevokeApiKey);
  const [name, setName] = createSignal('');
  const [role, setRole] = createSignal<Role>('VIEWER');
  const [expires, setExpires] = createSignal('');
  const [created, setCreated] = createSignal<{ name: string; secret: string } | null>(null);
  const [copyState, setCopyState] = createSignal<'idle' | 'copied' | 'failed'>('idle');
  const [confirming, setConfirming] = createSignal<string | null>(null);
  const [error, setError] = createSignal('');

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setCreated(null);
    const input = { name: name().trim(), role: role(), ...(expires() && { expiresAt: endOfDay(expires()) }) };
    const result = await createApiKey({ input });
    setError(mutationProblem(result));
    const secret = dataOf(result.data?.createApiKey)?.secret;
    if (!secret) return;
    setCopyState('idle');
    setCreated({ name: input.name, secret });
    setName('');
    setExpires('');
  };

  let secretField: HTMLInputElement | undefined;
  const copy = async (secret: string) => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopyState('copied');
    } catch {
      secretField?.select();
      setCopyState('failed');
    }
  };

  const revoke = async (key: ApiKeyRow) => {
    setConfirming(null);
    setError(mutationProblem(await revokeApiKey({ id: key.id })));
  };

  return (
    <section>
      <h1>API keys</h1>
      <p class="hint">
        Integrations call the API with a key: <code>Authorization: Bearer &lt;secret&gt;</code>. A key acts with the
        role you give it; revoking it stops it at once.
      </p>
      <form class="card inline-form" onSubmit={submit} aria-label="Create an API key">
        <label>
          Name
          <input name="name" value={name()} onInput={(e) => setName(e.currentTarget.value)} required />
        </label>
        <label>
          Role
          <select name="role" value={role()} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            <For each={ROLES}>{(r) => <option value={r}>{r.toLowerCase()}</option>}</For>
          </select>
        </label>
        <label>
          Expires (optional)
          <input
            type="date"
            name="expiresAt"
            min={tomorrow()}
            value={expires()}
            onInput={(e) => setExpires(e.currentTarget.value)}
          />
        </label>
        <button type="submit">Create key</button>
      </form>

      <Show when={created()}>
        {(key) => (
          <section class="card secret" aria-label="New API key">
            <h2>Secret of “{key().name}”</h2>
            <p class="warning">
              Copy it now: this is the only time it is shown. Store it somewhere safe; anyone who has it can call the
              API with this key's role.
            </p>
            <div class="secret-row">
              <input
                ref={(element) => {
                  secretField = element;
                }}
                class="secret-value"
                aria-label="Secret"
                readOnly
                value={key().secret}
                onFocus={(e) => e.currentTarget.select()}
              />
              <button type="button" onClick={() => copy(key().secret)}>
                {copyState() === 'copied' ? 'Copied' : 'Copy'}
              </button>
            </div>
            <Show when={copyState() === 'failed'}>
              <p class="hint">Copying was blocked by the browser: the secret is selected, press Ctrl+C (⌘C).</p>
            </Show>
            <button type="button" class="secondary" onClick={() => setCreated(null)}>
              I have stored it
            </button>
          </section>
        )}
      </Show>

      <ErrorAlert message={error() || (keys.error && describeError(keys.error))} />
      <DataTable
        label="API keys"
        columns={['Name', 'Prefix', 'Role', 'Created', 'Last used', 'Expires', 'Revoked', '']}
        rows={keys.data?.apiKeys ?? []}
        empty="No API keys yet."
      >
        {(key) => (
          <tr data-api-key-id={key.id} classList={{ revoked: !!key.revokedAt }}>
            <td>{key.name}</td>
            <td>
              <code>{key.prefix}</code>
            </td>
            <td>{key.role.toLowerCase()}</td>
            <td>{formatDateTime(key.createdAt)}</td>
            <td>{formatDateTime(key.lastUsedAt, 'never')}</td>
            <td>{formatDateTime(key.expiresAt, 'never')}</td>
            <td>{formatDateTime(key.revokedAt, '–')}</td>
            <td class="actions">
              <Show when={!key.revokedAt}>
                <Show
                  when={confirming() === key.id}
                  fallback={
                    <button type="button" class="secondary" onClick={() => setConfirming(key.id)}>
                      Revoke
                    </button>
                  }
                >
                  <span class="confirm">Revoke for good?</span>
                  <button type="button" class="danger" onClick={() => revoke(key)}>
                    Revoke key
                  </button>
                  <button type="button" class="secondary" onClick={() => setConfirming(null)}>
                    Cancel
                  </button>
                </Show>
              </Show>
            </td>
          </tr>
        )}
      </DataTable>
    </section>
  );
}
