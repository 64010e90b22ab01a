import type { ResultOf } from '@graphql-typed-document-node/core';
import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { formatDateTime } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import { dataOf, describeError, mutationProblem } from '../graphql.ts';
import { can, useViewer } from '../viewer.tsx';

const WebhookEndpointFields = graphql(`
  fragment WebhookEndpointFields on WebhookEndpoint {
    id url description eventTypes enabled disabledAt disabledReason failingSince createdAt
    secrets { id lastFour createdAt expiresAt }
  }
`);
type EndpointRow = ResultOf<typeof WebhookEndpointFields>;

const WebhooksQuery = graphql(`
  query ConsoleWebhooks {
    webhookEndpoints { ...WebhookEndpointFields }
    webhookEventTypes { type description }
  }
`);
const DeliveryLogQuery = graphql(`
  query ConsoleWebhookDeliveries($id: ID!) {
    webhookEndpoint(id: $id) {
      id
      deliveries(first: 50) {
        id eventId eventType status attempts createdAt deliveredAt nextAttemptAt lastStatusCode lastError
        attemptLog { number manual attemptedAt responseStatus latencyMs error }
      }
    }
  }
`);
const CreateEndpoint = graphql(`
  mutation ConsoleCreateWebhookEndpoint($input: WebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      __typename
      ... on MutationCreateWebhookEndpointSuccess { data { secret endpoint { ...WebhookEndpointFields } } }
      ... on Error { message }
    }
  }
`);
const UpdateEndpoint = graphql(`
  mutation ConsoleUpdateWebhookEndpoint($id: ID!, $input: WebhookEndpointInput!) {
    updateWebhookEndpoint(id: $id, input: $input) {
      __typename
      ... on MutationUpdateWebhookEndpointSuccess { data { ...WebhookEndpointFields } }
      ... on Error { message }
    }
  }
`);
const RotateSecret = graphql(`
  mutation ConsoleRotateWebhookSecret($id: ID!) {
    rotateWebhookSecret(id: $id) {
      __typename
      ... on MutationRotateWebhookSecretSuccess { data { secret endpoint { ...WebhookEndpointFields } } }
      ... on Error { message }
    }
  }
`);
const SendTest = graphql(`
  mutation ConsoleSendTestWebhook($id: ID!) {
    sendTestWebhook(endpointId: $id) { __typename ... on MutationSendTestWebhookSuccess { data { id } } ... on Error { message } }
  }
`);
const Redeliver = graphql(`
  mutation ConsoleRedeliverWebhook($id: ID!) {
    redeliverWebhook(id: $id) { __typename ... on MutationRedeliverWebhookSuccess { data { id status } } ... on Error { message } }
  }
`);

/**
 * Outbound webhooks: the organisation's endpoints with the events they take, a new endpoint's
 * signing secret (shown once), rotation, a test send, and each endpoint's delivery log with
 * redelivery by hand.
 */
export function Webhooks() {
  const viewer = useViewer();
  const manage = () => can(viewer, 'WEBHOOKS_MANAGE');
  const [list] = createQuery({ query: WebhooksQuery, context: { additionalTypenames: ['WebhookEndpoint'] } });
  const [, createEndpoint] = createMutation(CreateEndpoint);
  const [, updateEndpoint] = createMutation(UpdateEndpoint);
  const [, rotateSecret] = createMutation(RotateSecret);
  const [, sendTest] = createMutation(SendTest);
  const [url, setUrl] = createSignal('');
  const [types, setTypes] = createSignal<string[]>(['call.completed', 'call.analyzed']);
  const [secret, setSecret] = createSignal<{ url: string; secret: string } | null>(null);
  const [open, setOpen] = createSignal<string | null>(null);
  const [error, setError] = createSignal('');

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const result = await createEndpoint({ input: { url: url().trim(), eventTypes: types() } });
    setError(mutationProblem(result));
    const created = dataOf(result.data?.createWebhookEndpoint);
    if (!created) return;
    setSecret({ url: created.endpoint.url, secret: created.secret });
    setUrl('');
  };
  const rotate = async (endpoint: EndpointRow) => {
    const result = await rotateSecret({ id: endpoint.id });
    setError(mutationProblem(result));
    const rotated = dataOf(result.data?.rotateWebhookSecret);
    if (rotated) setSecret({ url: endpoint.url, secret: rotated.secret });
  };
  const toggle = async (endpoint: EndpointRow) =>
    setError(mutationProblem(await updateEndpoint({ id: endpoint.id, input: { enabled: !endpoint.enabled } })));
  const test = async (endpoint: EndpointRow) => {
    setError(mutationProblem(await sendTest({ id: endpoint.id })));
    setOpen(endpoint.id);
  };

  return (
    <section>
      <h1>Webhooks</h1>
      <p class="hint">
        Events are POSTed as JSON, signed per Standard Webhooks (<code>webhook-id</code>, <code>webhook-timestamp</code>
        , <code>webhook-signature</code>). A failed delivery is retried with growing, jittered waits for a day; an
        endpoint that fails for days is disabled.
      </p>
      <ErrorAlert message={list.error ? describeError(list.error) : error()} />
      <Show when={manage()}>
        <form class="card" onSubmit={submit} aria-label="Add an endpoint">
          <label>
            URL
            <input
              name="url"
              type="url"
              placeholder="https://example.com/hooks"
              value={url()}
              onInput={(e) => setUrl(e.currentTarget.value)}
              required
            />
          </label>
          <fieldset>
            <legend>Events</legend>
            <For each={list.data?.webhookEventTypes ?? []}>
              {(type) => (
                <label class="check" title={type.description}>
                  <input
                    type="checkbox"
                    name="eventTypes"
                    value={type.type}
                    checked={types().includes(type.type)}
                    onChange={(e) =>
                      setTypes((now) =>
                        e.currentTarget.checked ? [...now, type.type] : now.filter((t) => t !== type.type),
                      )
                    }
                  />
                  {type.type}
                </label>
              )}
            </For>
          </fieldset>
          <button type="submit">Add endpoint</button>
        </form>
      </Show>
      <Show when={secret()}>
        {(shown) => (
          <section class="card secret" aria-label="Signing secret">
            <h2>Signing secret of {shown().url}</h2>
            <p class="warning">
              Copy it now: this is the only time it is shown. After a rotation the previous secret goes on signing
              beside this one for a while, so receivers can switch without missing an event.
            </p>
            <input class="secret-value" aria-label="Secret" readOnly value={shown().secret} />
          </section>
        )}
      </Show>
      <DataTable
        label="Endpoints"
        columns={['URL', 'Events', 'State', 'Secrets', '']}
        rows={list.data?.webhookEndpoints ?? []}
        empty={list.fetching ? 'Loading…' : 'No endpoints yet.'}
      >
        {(endpoint) => (
          <>
            <tr data-endpoint-id={endpoint.id}>
              <td>{endpoint.url}</td>
              <td>{endpoint.eventTypes.join(', ')}</td>
              <td data-testid="endpoint-state">
                {endpoint.enabled
                  ? endpoint.failingSince
                    ? `failing since ${formatDateTime(endpoint.failingSince)}`
                    : 'enabled'
                  : `disabled: ${endpoint.disabledReason ?? ''}`}
              </td>
              <td>
                <For each={endpoint.secrets}>
                  {(s) => (
                    <span class="chip">
                      ••••{s.lastFour}
                      {s.expiresAt ? ` (until ${formatDateTime(s.expiresAt)})` : ''}
                    </span>
                  )}
                </For>
              </td>
              <td class="actions">
                <button
                  type="button"
                  class="secondary"
                  onClick={() => setOpen(open() === endpoint.id ? null : endpoint.id)}
                >
                  Delivery log
                </button>
                <Show when={manage()}>
                  <button type="button" class="secondary" onClick={() => test(endpoint)}>
                    Send test event
                  </button>
                  <button type="button" class="secondary" onClick={() => rotate(endpoint)}>
                    Rotate secret
                  </button>
                  <button type="button" class="secondary" onClick={() => toggle(endpoint)}>
                    {endpoint.enabled ? 'Disable' : 'Enable'}
                  </button>
                </Show>
              </td>
            </tr>
            <Show when={open() === endpoint.id}>
              <tr>
                <td colSpan={5}>
                  <DeliveryLog endpointId={endpoint.id} canRedeliver={manage()} />
                </td>
              </tr>
            </Show>
          </>
        )}
      </DataTable>
    </section>
  );
}

/** An endpoint's deliveries, newest first, each with its attempts; a failed or delivered one can be sent again. */
function DeliveryLog(props: { endpointId: string; canRedeliver: boolean }) {
  const [log, refetch] = createQuery({
    query: DeliveryLogQuery,
    variables: () => ({ id: props.endpointId }),
    requestPolicy: 'network-only',
  });
  const [, redeliver] = createMutation(Redeliver);
  const [error, setError] = createSignal('');
  const again = async (id: string) => {
    setError(mutationProblem(await redeliver({ id })));
    refetch({ requestPolicy: 'network-only' });
  };
  return (
    <section aria-label="Delivery log">
      <ErrorAlert message={log.error ? describeError(log.error) : error()} />
      <button type="button" class="secondary" onClick={() => refetch({ requestPolicy: 'network-only' })}>
        Refresh
      </button>
      <DataTable
        label="Deliveries"
        columns={['Created', 'Event', 'Status', 'Attempts', 'Last response', '']}
        rows={log.data?.webhookEndpoint?.deliveries ?? []}
        empty={log.fetching ? 'Loading…' : 'Nothing delivered yet.'}
      >
        {(delivery) => (
          <tr data-testid="webhook-delivery">
            <td>{formatDateTime(delivery.createdAt)}</td>
            <td>
              {delivery.eventType} <code>{delivery.eventId}</code>
            </td>
            <td data-testid="delivery-status">
              {delivery.status.toLowerCase()}
              {delivery.nextAttemptAt ? `, next try ${formatDateTime(delivery.nextAttemptAt)}` : ''}
            </td>
            <td>
              <For each={delivery.attemptLog}>
                {(attempt) => (
                  <div>
                    #{attempt.number} {formatDateTime(attempt.attemptedAt)}: {attempt.responseStatus ?? attempt.error} (
                    {attempt.latencyMs} ms){attempt.manual ? ', by hand' : ''}
                  </div>
                )}
              </For>
            </td>
            <td>{delivery.lastStatusCode ?? delivery.lastError ?? '–'}</td>
            <td class="actions">
              <Show when={props.canRedeliver && delivery.status !== 'PENDING'}>
                <button type="button" class="secondary" onClick={() => again(delivery.id)}>
                  Redeliver
                </button>
              </Show>
            </td>
          </tr>
        )}
      </DataTable>
    </section>
  );
}
