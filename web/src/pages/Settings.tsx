import { A } from '@solidjs/router';
import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { ConnectionResult } from '../components/ConnectionResult.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { OpenAiCard, SmtpCard, TwilioCard } from '../components/IntegrationCards.tsx';
import { OrganizationForm } from '../components/OrganizationForm.tsx';
import { RetentionForm } from '../components/RetentionForm.tsx';
import { describeError } from '../graphql.ts';
import { authorizedFetch } from '../session.ts';
import {
  type ConnectionTest,
  type IntegrationStatus,
  IntegrationsQuery,
  OrganizationQuery,
  TestTemporal,
  TestWeaviate,
} from '../settings.ts';

/**
 * Admins: the organisation's details, its own Twilio, OpenAI and SMTP (or the platform's), how long it
 * keeps its records, and the platform's health.
 */
export function Settings() {
  const [organization] = createQuery({ query: OrganizationQuery, requestPolicy: 'network-only' });
  return (
    <section>
      <h1>Settings</h1>
      <p class="hint">
        New here? The <A href="/setup">setup wizard</A> walks through these settings, a first business and a test call.
      </p>
      <Show when={organization.data?.me.organization} keyed>
        {(o) => <OrganizationForm organization={o} submitLabel="Save organisation" onSaved={() => undefined} />}
      </Show>
      <h2 class="section-title">Integrations</h2>
      <p class="hint">
        Without its own credentials the organisation uses the platform's. Secrets are stored encrypted and shown only by
        their last four characters.
      </p>
      <Integrations />
      <h2 class="section-title">Retention</h2>
      <RetentionForm />
      <h2 class="section-title">Platform</h2>
      <PlatformTests />
      <TemporalDecoding />
    </section>
  );
}

/** The three integration cards, kept in step with what the server answers after each change. */
export function Integrations() {
  const [query] = createQuery({ query: IntegrationsQuery, requestPolicy: 'network-only' });
  const [statuses, setStatuses] = createStore<IntegrationStatus[]>([]);
  const list = () => (statuses.length ? statuses : (query.data?.integrations ?? []));
  const saved = (status: IntegrationStatus) =>
    setStatuses(reconcile(list().map((s) => (s.integration === status.integration ? status : s))));
  const of = (integration: IntegrationStatus['integration']) => list().find((s) => s.integration === integration);
  return (
    <>
      <ErrorAlert message={query.error && describeError(query.error)} />
      <div class="integrations">
        <Show when={of('TWILIO')}>{(s) => <TwilioCard status={s()} onSaved={saved} />}</Show>
        <Show when={of('OPENAI')}>{(s) => <OpenAiCard status={s()} onSaved={saved} />}</Show>
        <Show when={of('SMTP')}>{(s) => <SmtpCard status={s()} onSaved={saved} />}</Show>
      </div>
    </>
  );
}

function PlatformTests() {
  const [, weaviate] = createMutation(TestWeaviate);
  const [, temporal] = createMutation(TestTemporal);
  const [results, setResults] = createSignal<ConnectionTest[]>([]);
  const [problem, setProblem] = createSignal('');
  const run = async () => {
    setProblem('');
    const [w, t] = await Promise.all([weaviate({}), temporal({})]);
    setProblem(w.error ? describeError(w.error) : t.error ? describeError(t.error) : '');
    setResults(
      [w.data?.testWeaviateConnection, t.data?.testTemporalConnection].filter((r): r is ConnectionTest => !!r),
    );
  };
  return (
    <section class="card" aria-label="Platform">
      <p class="hint">Weaviate holds the knowledge base; Temporal runs every call. Both are the platform's own.</p>
      <button type="button" class="secondary" onClick={run}>
        Test Weaviate and Temporal
      </button>
      <ErrorAlert message={problem()} />
      <Switch>
        <Match when={results().length}>
          <For each={results()}>{(result) => <ConnectionResult result={result} />}</For>
        </Match>
      </Switch>
    </section>
  );
}

/**
 * What Temporal stores is encrypted per organisation; the gateway's codec endpoint opens it for the
 * Temporal Web UI once this browser holds a decoding session (an HttpOnly cookie, an hour long).
 */
function TemporalDecoding() {
  const [state, setState] = createSignal<'idle' | 'open' | string>('idle');
  const open = async () => {
    const response = await authorizedFetch('/temporal-codec/session', { method: 'POST' }).catch(() => null);
    if (response?.ok) return setState('open');
    const body = (await response?.json().catch(() => null)) as { message?: string } | null;
    setState(body?.message ?? 'The gateway could not be reached.');
  };
  return (
    <section class="card" aria-label="Temporal decoding">
      <p class="hint">
        Workflow payloads in Temporal are encrypted with this organisation's key. To read them in the Temporal Web UI,
        open a decoding session here, then turn on “Include cross-origin credentials” in the UI's Data Encoder settings.
      </p>
      <button type="button" class="secondary" onClick={open}>
        Decode in the Temporal Web UI
      </button>
      <Switch>
        <Match when={state() === 'open'}>
          <p role="status" data-testid="codec-session">
            This browser decodes this organisation's payloads in the Temporal Web UI for the next hour.
          </p>
        </Match>
        <Match when={state() !== 'idle'}>
          <ErrorAlert message={state()} />
        </Match>
      </Switch>
    </section>
  );
}
