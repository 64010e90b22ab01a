import { createMutation, useClient } from '@urql/solid';
import { createSignal, For, onCleanup, Show } from 'solid-js';
import { BUSINESS_TYPES, CreateBusiness, fieldProblems, UpdateBusiness } from '../../business.ts';
import { ConnectionResult } from '../../components/ConnectionResult.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ListenIn } from '../../components/ListenIn.tsx';
import { graphql } from '../../gql/gql.ts';
import type { BusinessType } from '../../gql/graphql.ts';
import { dataOf, mutationProblem } from '../../graphql.ts';
import { type ConnectionTest, TestTwilio } from '../../settings.ts';

/** What a step tells the wizard when it is done. */
export type Done = (extra?: { businessId?: string; testCallId?: string }) => Promise<string>;

const refusalOf = (
  outcome: { __typename: string; fieldErrors?: { field: string; message: string }[]; message?: string } | undefined,
) =>
  outcome?.fieldErrors
    ? Object.entries(fieldProblems(outcome.fieldErrors))
        .map(([f, m]) => `${f}: ${m}`)
        .join('; ')
    : (outcome?.message ?? '');

/** Step 2: the first business, from its type's template. */
export function BusinessStep(props: { onDone: Done }) {
  const [, create] = createMutation(CreateBusiness);
  const [name, setName] = createSignal('');
  const [type, setType] = createSignal<BusinessType>('CUSTOMER_SUPPORT');
  const [description, setDescription] = createSignal('');
  const [problem, setProblem] = createSignal('');
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const result = await create({ input: { name: name().trim(), type: type(), description: description().trim() } });
    const business = dataOf(result.data?.createBusiness);
    setProblem(
      business
        ? await props.onDone({ businessId: business.id })
        : refusalOf(result.data?.createBusiness) || mutationProblem(result),
    );
  };
  return (
    <form class="stack" aria-label="First business" onSubmit={submit}>
      <label>
        Business name
        <input name="businessName" value={name()} onInput={(e) => setName(e.currentTarget.value)} required />
      </label>
      <label>
        What kind of calls
        <select name="businessType" value={type()} onChange={(e) => setType(e.currentTarget.value as BusinessType)}>
          <For each={BUSINESS_TYPES}>{(t) => <option value={t.value}>{t.label}</option>}</For>
        </select>
      </label>
      <label>
        What the business does (the agent is told)
        <textarea
          name="businessDescription"
          rows={2}
          value={description()}
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
      </label>
      <p class="hint">
        The agent starts with the type's instructions and greeting; change them any time on the business's page.
      </p>
      <ErrorAlert message={problem()} />
      <button type="submit">Create business</button>
    </form>
  );
}

/** Step 4: the number callers dial, checked against the Twilio account in use. */
export function PhoneStep(props: { businessId: string; onDone: Done }) {
  const [, update] = createMutation(UpdateBusiness);
  const [, test] = createMutation(TestTwilio);
  const [number, setNumber] = createSignal('');
  const [result, setResult] = createSignal<ConnectionTest | null>(null);
  const [problem, setProblem] = createSignal('');
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setResult(null);
    const saved = await update({ id: props.businessId, input: { phoneNumbers: [number()] } });
    const business = dataOf(saved.data?.updateBusiness);
    if (!business) return setProblem(refusalOf(saved.data?.updateBusiness) || mutationProblem(saved));
    const tested = dataOf((await test({ phoneNumber: business.phoneNumbers[0] })).data?.testTwilioConnection);
    setResult(tested ?? null);
    setProblem(tested?.ok ? await props.onDone() : 'The number is saved, but Twilio did not confirm it: see below.');
  };
  return (
    <form class="stack" aria-label="Phone number" onSubmit={submit}>
      <label>
        Phone number
        <input
          name="phoneNumber"
          value={number()}
          onInput={(e) => setNumber(e.currentTarget.value)}
          placeholder="+1 415 555 0100"
          required
        />
      </label>
      <p class="hint">
        A number of your Twilio account: inbound calls to it reach the business, and it is the caller id of outbound
        calls.
      </p>
      <ConnectionResult result={result()} />
      <ErrorAlert message={problem()} />
      <button type="submit">Save and check the number</button>
    </form>
  );
}

const CreateEntry = graphql(`
  mutation ConsoleSetupKnowledge($input: CreateKnowledgeEntryInput!) {
    createKnowledgeEntry(input: $input) {
      __typename
      ... on MutationCreateKnowledgeEntrySuccess { data { id status } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { message }
    }
  }
`);
const EntryStatus = graphql(`
  query ConsoleSetupKnowledgeStatus($id: ID!) { knowledgeEntry(id: $id) { id status error chunkCount } }
`);

/** Step 5: a first document the agent answers from; the step waits until it is indexed. */
export function KnowledgeStep(props: { businessId: string; onDone: Done }) {
  const client = useClient();
  const [, create] = createMutation(CreateEntry);
  const [title, setTitle] = createSignal('');
  const [text, setText] = createSignal('');
  const [status, setStatus] = createSignal('');
  const [problem, setProblem] = createSignal('');
  let stopped = false;
  onCleanup(() => {
    stopped = true;
  });
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const result = await create({ input: { businessId: props.businessId, title: title().trim(), text: text() } });
    const entry = dataOf(result.data?.createKnowledgeEntry);
    if (!entry) return setProblem(refusalOf(result.data?.createKnowledgeEntry) || mutationProblem(result));
    setStatus(entry.status);
    while (!stopped) {
      const now = (await client.query(EntryStatus, { id: entry.id }, { requestPolicy: 'network-only' }).toPromise())
        .data?.knowledgeEntry;
      setStatus(now?.status ?? 'PENDING');
      if (now?.status === 'READY') return setProblem(await props.onDone());
      if (now?.status === 'FAILED')
        return setProblem(`The document could not be read: ${now.error ?? 'unknown error'}`);
      await new Promise((r) => setTimeout(r, 1_000));
    }
  };
  return (
    <form class="stack" aria-label="First knowledge document" onSubmit={submit}>
      <label>
        Title
        <input
          name="knowledgeTitle"
          value={title()}
          onInput={(e) => setTitle(e.currentTarget.value)}
          placeholder="Opening hours"
        />
      </label>
      <label>
        Text (Markdown works: headings become sections)
        <textarea
          name="knowledgeText"
          rows={6}
          value={text()}
          onInput={(e) => setText(e.currentTarget.value)}
          required
        />
      </label>
      <p class="hint">Upload files, add web pages and sync documentation sites later on the Knowledge page.</p>
      <Show when={status()}>
        <p class="muted" data-testid="knowledge-status">
          Document: {status().toLowerCase()}
        </p>
      </Show>
      <ErrorAlert message={problem()} />
      <button type="submit">Add and index</button>
    </form>
  );
}

const StartTestCall = graphql(`
  mutation ConsoleSetupTestCall($input: StartCallInput!) {
    startCall(input: $input) {
      __typename
      ... on MutationStartCallSuccess { data { id status } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { message }
    }
  }
`);
const TestCallEvents = graphql(`
  subscription ConsoleSetupTestCallEvents($id: ID!) {
    callEvents(callId: $id, after: "0") { cursor type call { id status endReason } line { sequence speaker text } }
  }
`);

/** Step 6: a call from the business to a number of the admin's choice, followed live (transcript and listen-in). */
export function TestCallStep(props: { businessId: string; onDone: Done }) {
  const client = useClient();
  const [, start] = createMutation(StartTestCall);
  const [number, setNumber] = createSignal('');
  const [callId, setCallId] = createSignal<string | null>(null);
  const [status, setStatus] = createSignal('');
  const [lines, setLines] = createSignal<{ sequence: number; speaker: string; text: string }[]>([]);
  const [problem, setProblem] = createSignal('');
  let subscription: { unsubscribe: () => void } | undefined;
  onCleanup(() => subscription?.unsubscribe());
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setProblem('');
    const result = await start({ input: { businessId: props.businessId, toNumber: number().trim() } });
    const call = dataOf(result.data?.startCall);
    if (!call) return setProblem(refusalOf(result.data?.startCall) || mutationProblem(result));
    setCallId(call.id);
    setLines([]);
    subscription?.unsubscribe();
    subscription = client.subscription(TestCallEvents, { id: call.id }).subscribe((event) => {
      const e = event.data?.callEvents;
      if (!e) return;
      setStatus(e.call.status);
      const line = e.line;
      if (line)
        setLines((list) =>
          list.some((l) => l.sequence === line.sequence)
            ? list
            : [...list, line].sort((a, b) => a.sequence - b.sequence),
        );
    });
  };
  const live = () => ['QUEUED', 'INITIATED', 'RINGING', 'IN_PROGRESS'].includes(status());
  return (
    <div class="stack">
      <form class="stack" aria-label="Test call" onSubmit={submit}>
        <label>
          Call this number
          <input
            name="testNumber"
            value={number()}
            onInput={(e) => setNumber(e.currentTarget.value)}
            placeholder="+1 415 555 0100"
            required
          />
        </label>
        <p class="hint">
          Your phone, in E.164. On the simulators, +1 555 010 0000 is a caller who asks about an order and +1 555 010
          0009 one with a question for the knowledge base.
        </p>
        <button type="submit" disabled={live()}>
          Place the test call
        </button>
      </form>
      <ErrorAlert message={problem()} />
      <Show when={callId()}>
        {(id) => (
          <section class="card" aria-label="Test call live">
            <p>
              Call status: <strong data-testid="test-call-status">{status().toLowerCase().replace('_', ' ')}</strong>
            </p>
            <ListenIn callId={id()} live={live()} />
            <ol class="transcript" data-testid="test-call-transcript">
              <For each={lines()}>
                {(line) => (
                  <li class={`line speaker-${line.speaker}`} data-testid="test-call-line">
                    <span class="speaker">{line.speaker}</span> {line.text}
                  </li>
                )}
              </For>
            </ol>
            <Show when={status() === 'COMPLETED'}>
              <button type="button" onClick={async () => setProblem(await props.onDone({ testCallId: id() }))}>
                Finish setup
              </button>
            </Show>
            <Show when={['FAILED', 'BUSY', 'NO_ANSWER', 'CANCELED'].includes(status())}>
              <p class="error">
                The call did not go through ({status().toLowerCase()}); check the number and try again.
              </p>
            </Show>
          </section>
        )}
      </Show>
    </div>
  );
}
