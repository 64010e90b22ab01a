import { createMutation } from '@urql/solid';
import { createSignal, type JSX, Show } from 'solid-js';
import { dataOf, describeError, mutationProblem } from '../graphql.ts';
import {
  type ConnectionTest,
  type IntegrationStatus,
  RemoveCredentials,
  TestOpenAi,
  TestSmtp,
  TestTwilio,
  UpdateOpenAi,
  UpdateSmtp,
  UpdateTwilio,
} from '../settings.ts';
import { ConnectionResult } from './ConnectionResult.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';

type Saved = (status: IntegrationStatus) => void;

/** Refused input as one line ("accountSid: must be …; authToken: …"), or the mutation's problem. */
function refusal(result: Parameters<typeof mutationProblem>[0]): string {
  const outcome = result.data && Object.values(result.data)[0];
  if (outcome && typeof outcome === 'object' && 'fieldErrors' in outcome) {
    return (outcome.fieldErrors as { field: string; message: string }[])
      .map((e) => `${e.field}: ${e.message}`)
      .join('; ');
  }
  return mutationProblem(result);
}

function Card(props: {
  title: string;
  status: IntegrationStatus;
  current: JSX.Element;
  children: JSX.Element;
  result: ConnectionTest | null;
  problem: string;
  onRemove: () => void;
}) {
  return (
    <section
      class="card integration"
      aria-label={props.title}
      data-testid={`integration-${props.status.integration.toLowerCase()}`}
    >
      <h2>{props.title}</h2>
      <p data-testid="integration-current">
        <Show
          when={!props.status.usingPlatformDefault}
          fallback={<>Platform default: {props.status.platformAccount}</>}
        >
          {props.current}
        </Show>
      </p>
      <Show when={props.status.lastTest}>
        {(test) => (
          <p class="muted">
            Last test: {test().ok ? 'passed' : 'failed'} ({test().summary})
          </p>
        )}
      </Show>
      {props.children}
      <ConnectionResult result={props.result} />
      <ErrorAlert message={props.problem} />
      <Show when={!props.status.usingPlatformDefault}>
        <button type="button" class="secondary" onClick={props.onRemove}>
          Use the platform default instead
        </button>
      </Show>
    </section>
  );
}

function useCard(status: () => IntegrationStatus, onSaved: Saved) {
  const [, remove] = createMutation(RemoveCredentials);
  const [result, setResult] = createSignal<ConnectionTest | null>(null);
  const [problem, setProblem] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  return {
    result,
    problem,
    busy,
    async test(run: () => Promise<Parameters<typeof mutationProblem>[0]>) {
      setBusy(true);
      setResult(null);
      const outcome = await run();
      setBusy(false);
      const data = outcome.data && (Object.values(outcome.data)[0] as { data?: ConnectionTest } | undefined);
      setResult(data?.data ?? null);
      setProblem(data?.data ? '' : refusal(outcome));
    },
    async save(run: () => Promise<Parameters<typeof mutationProblem>[0]>) {
      setBusy(true);
      const outcome = await run();
      setBusy(false);
      const saved = dataOf(
        outcome.data && (Object.values(outcome.data)[0] as { __typename: string; data?: IntegrationStatus }),
      );
      setProblem(saved ? '' : refusal(outcome));
      if (saved) onSaved(saved as IntegrationStatus);
      return !!saved;
    },
    async remove() {
      const outcome = await remove({ integration: status().integration });
      if (outcome.data) onSaved(outcome.data.removeCredentials);
      setProblem(outcome.error ? describeError(outcome.error) : '');
    },
  };
}

export function TwilioCard(props: { status: IntegrationStatus; onSaved: Saved }) {
  const card = useCard(() => props.status, props.onSaved);
  const [, test] = createMutation(TestTwilio);
  const [, update] = createMutation(UpdateTwilio);
  const [sid, setSid] = createSignal('');
  const [token, setToken] = createSignal('');
  const entered = () => (sid() || token() ? { accountSid: sid().trim(), authToken: token().trim() } : null);
  return (
    <Card
      title="Twilio"
      status={props.status}
      current={
        <>
          Account {props.status.accountSid}, auth token ••••{props.status.secretLastFour}
        </>
      }
      result={card.result()}
      problem={card.problem()}
      onRemove={card.remove}
    >
      <div class="inline-form">
        <label>
          Account SID
          <input name="accountSid" value={sid()} onInput={(e) => setSid(e.currentTarget.value)} placeholder="AC…" />
        </label>
        <label>
          Auth token
          <input
            name="authToken"
            type="password"
            autocomplete="off"
            value={token()}
            onInput={(e) => setToken(e.currentTarget.value)}
          />
        </label>
        <button
          type="button"
          class="secondary"
          disabled={card.busy()}
          onClick={() => card.test(() => test({ credentials: entered() }))}
        >
          Test Twilio
        </button>
        <button
          type="button"
          disabled={card.busy() || !entered()}
          onClick={async () => {
            if (await card.save(() => update({ input: entered()! }))) {
              setSid('');
              setToken('');
            }
          }}
        >
          Save Twilio
        </button>
      </div>
      <p class="hint">
        Test checks the account and that it owns your businesses' numbers; empty fields test what is in use now.
      </p>
    </Card>
  );
}

export function OpenAiCard(props: { status: IntegrationStatus; onSaved: Saved }) {
  const card = useCard(() => props.status, props.onSaved);
  const [, test] = createMutation(TestOpenAi);
  const [, update] = createMutation(UpdateOpenAi);
  const [key, setKey] = createSignal('');
  return (
    <Card
      title="OpenAI"
      status={props.status}
      current={<>API key ••••{props.status.secretLastFour}</>}
      result={card.result()}
      problem={card.problem()}
      onRemove={card.remove}
    >
      <div class="inline-form">
        <label>
          API key
          <input
            name="apiKey"
            type="password"
            autocomplete="off"
            value={key()}
            onInput={(e) => setKey(e.currentTarget.value)}
            placeholder="sk-…"
          />
        </label>
        <button
          type="button"
          class="secondary"
          disabled={card.busy()}
          onClick={() => card.test(() => test({ apiKey: key().trim() || null }))}
        >
          Test OpenAI
        </button>
        <button
          type="button"
          disabled={card.busy() || !key()}
          onClick={async () => {
            if (await card.save(() => update({ input: { apiKey: key().trim() } }))) setKey('');
          }}
        >
          Save OpenAI
        </button>
      </div>
      <p class="hint">
        Used by the voice agent, QA grading and handoff summaries. Test lists the models and opens a Realtime session.
      </p>
    </Card>
  );
}

export function SmtpCard(props: { status: IntegrationStatus; onSaved: Saved }) {
  const card = useCard(() => props.status, props.onSaved);
  const [, test] = createMutation(TestSmtp);
  const [, update] = createMutation(UpdateSmtp);
  const [host, setHost] = createSignal(props.status.host ?? '');
  const [port, setPort] = createSignal(String(props.status.port ?? 587));
  const [secure, setSecure] = createSignal(props.status.secure ?? false);
  const [username, setUsername] = createSignal(props.status.username ?? '');
  const [password, setPassword] = createSignal('');
  const [from, setFrom] = createSignal(props.status.from ?? '');
  const settings = () =>
    host()
      ? {
          host: host().trim(),
          port: Number(port()),
          secure: secure(),
          username: username().trim() || null,
          password: password() || null,
          from: from().trim(),
        }
      : null;
  return (
    <Card
      title="Email (SMTP)"
      status={props.status}
      current={
        <>
          {props.status.username ? `${props.status.username}@` : ''}
          {props.status.host}:{props.status.port}, password ••••{props.status.secretLastFour ?? '–'}, from{' '}
          {props.status.from}
        </>
      }
      result={card.result()}
      problem={card.problem()}
      onRemove={card.remove}
    >
      <div class="inline-form">
        <label>
          Host
          <input name="host" value={host()} onInput={(e) => setHost(e.currentTarget.value)} />
        </label>
        <label>
          Port
          <input name="port" type="number" value={port()} onInput={(e) => setPort(e.currentTarget.value)} />
        </label>
        <label class="checkbox">
          <input type="checkbox" checked={secure()} onChange={(e) => setSecure(e.currentTarget.checked)} />
          TLS from the start (465)
        </label>
        <label>
          User
          <input name="username" value={username()} onInput={(e) => setUsername(e.currentTarget.value)} />
        </label>
        <label>
          Password
          <input
            name="smtpPassword"
            type="password"
            autocomplete="off"
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
            placeholder={props.status.secretLastFour ? 'unchanged' : ''}
          />
        </label>
        <label>
          From
          <input
            name="from"
            value={from()}
            onInput={(e) => setFrom(e.currentTarget.value)}
            placeholder="Alerts <alerts@example.com>"
          />
        </label>
        <button
          type="button"
          class="secondary"
          disabled={card.busy()}
          onClick={() => card.test(() => test({ settings: settings() }))}
        >
          Test email
        </button>
        <button
          type="button"
          disabled={card.busy() || !settings()}
          onClick={async () => {
            if (await card.save(() => update({ input: settings()! }))) setPassword('');
          }}
        >
          Save email
        </button>
      </div>
      <p class="hint">
        Notification emails of this organisation go out through it. Test connects and signs in, sending nothing.
      </p>
    </Card>
  );
}
