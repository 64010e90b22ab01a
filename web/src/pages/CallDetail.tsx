import { A, useParams } from '@solidjs/router';
import { gql } from '@urql/core';
import { useClient } from '@urql/solid';
import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { createStore, produce, reconcile } from 'solid-js/store';
import { CALL_FIELDS, type CallRow, isActive } from '../calls.ts';
import { liveReconnects } from '../client.ts';
import { useNow } from '../clock.ts';
import { CallControls } from '../components/CallControls.tsx';
import { type CallNote, CallNotes, NOTE_FIELDS } from '../components/CallNotes.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ListenIn } from '../components/ListenIn.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { formatDateTime, formatDuration, formatMs, formatOffset, secondsSince } from '../format.ts';
import { describeError } from '../graphql.ts';
import { can, useViewer } from '../viewer.tsx';

interface CallLatency {
  samples: number;
  p50Ms: number | null;
  p95Ms: number | null;
  averageMs: number | null;
  lastMs: number | null;
}

interface StatusChange {
  status: string;
  at: string;
}

interface CallDetails extends CallRow {
  endedAt: string | null;
  endReason: string | null;
  workflowId: string;
}

interface Line {
  sequence: number;
  speaker: string;
  text: string;
  startMs: number | null;
  endMs: number | null;
}

interface CallEvent {
  cursor: string;
  type: string;
  call: CallDetails;
  line: Line | null;
  latency: CallLatency | null;
}

const DETAIL_FIELDS = `${CALL_FIELDS} endedAt endReason workflowId`;
const LATENCY_FIELDS = 'samples p50Ms p95Ms averageMs lastMs';
const LINE_FIELDS = 'sequence speaker text startMs endMs';
/** Lines per transcript request (the API's most). */
const TRANSCRIPT_PAGE = 500;

const CallQuery = gql<{
  call: (CallDetails & { timeline: StatusChange[]; latency: CallLatency; notes: CallNote[] }) | null;
}>`
  query ConsoleCall($id: ID!) {
    call(id: $id) { ${DETAIL_FIELDS} timeline { status at } latency { ${LATENCY_FIELDS} } notes { ${NOTE_FIELDS} } }
  }
`;
const TranscriptQuery = gql<{ call: { transcript: { hasMore: boolean; lines: Line[] } } | null }>`
  query ConsoleCallTranscript($id: ID!, $first: Int!, $after: Int) {
    call(id: $id) { id transcript(first: $first, afterSequence: $after) { hasMore lines { ${LINE_FIELDS} } } }
  }
`;
const CallEvents = gql<{ callEvents: CallEvent }>`
  subscription ConsoleCallEvents($id: ID!, $after: String) {
    callEvents(callId: $id, after: $after) {
      cursor type call { ${DETAIL_FIELDS} } line { ${LINE_FIELDS} } latency { ${LATENCY_FIELDS} }
    }
  }
`;

const SPEAKERS: Record<string, string> = {
  CUSTOMER: 'Caller',
  AI: 'AI agent',
  HUMAN_AGENT: 'Human agent',
  SYSTEM: 'System',
};

interface State {
  call: CallDetails | null;
  timeline: StatusChange[];
  latency: CallLatency | null;
  notes: CallNote[];
  lines: Line[];
}

/** One call: what it is, what was said (live while it is spoken), how fast the agent answers, notes and controls. */
export function CallDetail() {
  const params = useParams<{ id: string }>();
  const client = useClient();
  const viewer = useViewer();
  const [state, setState] = createStore<State>({ call: null, timeline: [], latency: null, notes: [], lines: [] });
  const [loading, setLoading] = createSignal(true);
  const [missing, setMissing] = createSignal(false);
  const [problem, setProblem] = createSignal('');

  /** Adds lines in spoken order; a line already shown (by sequence) is not added again. */
  const addLines = (lines: Line[]) =>
    setState(
      'lines',
      produce((list) => {
        for (const line of lines) {
          if (list.some((l) => l.sequence === line.sequence)) continue;
          const at = list.findIndex((l) => l.sequence > line.sequence);
          list.splice(at < 0 ? list.length : at, 0, line);
        }
      }),
    );

  /** A newer state of the call; older ones (replayed events) change nothing. */
  const applyCall = (call: CallDetails) => {
    const current = state.call;
    if (current && call.statusChangedAt < current.statusChangedAt) return;
    setState('call', reconcile(call));
    if (state.timeline.at(-1)?.status !== call.status) {
      setState('timeline', (changes) => [...changes, { status: call.status, at: call.statusChangedAt }]);
    }
  };

  const onEvent = (event: CallEvent) => {
    if (event.type === 'TRANSCRIPT' && event.line) addLines([event.line]);
    else if (event.type === 'METRICS' && event.latency) {
      if (event.latency.samples >= (state.latency?.samples ?? 0)) setState('latency', reconcile(event.latency));
    } else if (event.call) applyCall(event.call);
  };

  const loadTranscript = async (id: string) => {
    let after: number | undefined;
    for (;;) {
      const result = await client
        .query(TranscriptQuery, { id, first: TRANSCRIPT_PAGE, after }, { requestPolicy: 'network-only' })
        .toPromise();
      const page = result.data?.call?.transcript;
      if (!page) {
        if (result.error) setProblem(describeError(result.error));
        return;
      }
      if (id !== params.id) return;
      addLines(page.lines);
      after = page.lines.at(-1)?.sequence;
      if (!page.hasMore || after === undefined) return;
    }
  };

  const load = async (id: string) => {
    const result = await client.query(CallQuery, { id }, { requestPolicy: 'network-only' }).toPromise();
    if (id !== params.id) return; // another call was opened meanwhile
    setLoading(false);
    if (result.error) return setProblem(describeError(result.error));
    const call = result.data?.call;
    if (!call) return setMissing(true);
    setProblem('');
    const { timeline, latency, notes, ...details } = call;
    setState({ call: details, timeline, latency, notes });
    await loadTranscript(id);
  };

  // Every event of the call from the start (replayed, then live): nothing said between loading the
  // transcript and subscribing is missed, and lines already shown are not repeated. After the live
  // connection comes back, it resumes after the last event seen.
  let cursor = '0';
  let subscription: { unsubscribe(): void } | undefined;
  const subscribe = (id: string) => {
    subscription?.unsubscribe();
    subscription = client.subscription(CallEvents, { id, after: cursor }).subscribe((result) => {
      if (result.error) setProblem(describeError(result.error));
      const event = result.data?.callEvents;
      if (!event) return;
      if (BigInt(event.cursor) > BigInt(cursor)) cursor = event.cursor;
      onEvent(event);
    });
  };
  onCleanup(() => subscription?.unsubscribe());

  createEffect(
    on(
      () => params.id,
      (id) => {
        subscription?.unsubscribe();
        subscription = undefined;
        cursor = '0';
        setState({ call: null, timeline: [], latency: null, notes: [], lines: [] });
        setMissing(false);
        setLoading(true);
        load(id).then(() => id === params.id && state.call && subscribe(id));
      },
    ),
  );
  createEffect(
    on(
      liveReconnects,
      () => {
        if (!state.call) return;
        load(params.id);
        subscribe(params.id);
      },
      { defer: true },
    ),
  );

  return (
    <section class="call-detail">
      <p class="crumbs">
        <A href="/calls">← Calls</A>
      </p>
      <ErrorAlert message={problem()} />
      <Show when={!missing()} fallback={<NotFound id={params.id} />}>
        <Show when={state.call} fallback={<p class="muted">{loading() ? 'Loading…' : ''}</p>}>
          {(call) => (
            <>
              <CallHeader call={call()} />
              <div class="call-grid">
                <div class="call-main">
                  <Transcript lines={state.lines} live={isActive(call().status)} />
                  <CallNotes
                    callId={call().id}
                    notes={state.notes}
                    onChange={(notes) => setState('notes', reconcile(notes))}
                  />
                </div>
                <div class="call-side">
                  <Show when={isActive(call().status) && (can(viewer, 'calls:intervene') || can(viewer, 'calls:end'))}>
                    <CallControls callId={call().id} />
                  </Show>
                  <Show when={can(viewer, 'calls:listen')}>
                    <section class="card" aria-label="Listen in">
                      <h2>Listen in</h2>
                      <ListenIn callId={call().id} live={isActive(call().status)} />
                    </section>
                  </Show>
                  <Timeline changes={state.timeline} />
                  <Latency latency={state.latency} />
                </div>
              </div>
            </>
          )}
        </Show>
      </Show>
    </section>
  );
}

function NotFound(props: { id: string }) {
  return (
    <section class="card" role="alert">
      <h1>Call not found</h1>
      <p>There is no call {props.id} in your organisation.</p>
    </section>
  );
}

function CallHeader(props: { call: CallDetails }) {
  const now = useNow();
  const duration = () => {
    const call = props.call;
    if (call.durationSeconds !== null) return formatDuration(call.durationSeconds);
    return call.answeredAt && isActive(call.status) ? formatDuration(secondsSince(call.answeredAt, now())) : '–';
  };
  return (
    <header class="call-header">
      <h1>
        <span data-testid="call-numbers">
          {props.call.fromNumber} → {props.call.toNumber}
        </span>{' '}
        <StatusBadge status={props.call.status} />
      </h1>
      <dl class="card facts" data-testid="call-facts">
        <div>
          <dt>Business</dt>
          <dd data-testid="call-business">{props.call.business.name}</dd>
        </div>
        <div>
          <dt>Direction</dt>
          <dd data-testid="call-direction">{props.call.direction.toLowerCase()}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd data-testid="call-duration">{duration()}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{formatDateTime(props.call.createdAt)}</dd>
        </div>
        <div>
          <dt>Answered</dt>
          <dd data-testid="call-answered">{formatDateTime(props.call.answeredAt)}</dd>
        </div>
        <div>
          <dt>Ended</dt>
          <dd data-testid="call-ended">{formatDateTime(props.call.endedAt)}</dd>
        </div>
        <div>
          <dt>End reason</dt>
          <dd data-testid="call-end-reason">{props.call.endReason ?? '–'}</dd>
        </div>
        <div>
          <dt>Workflow</dt>
          <dd>
            <a
              href={props.call.workflowUrl}
              target="_blank"
              rel="noreferrer"
              data-testid="workflow-link"
              title="Open the workflow in Temporal"
            >
              {props.call.workflowId}
            </a>
          </dd>
        </div>
      </dl>
    </header>
  );
}

/** What was said, newest at the bottom; follows new lines unless the reader has scrolled up. */
function Transcript(props: { lines: Line[]; live: boolean }) {
  let box: HTMLOListElement | undefined;
  let following = true;
  const onScroll = () => {
    if (box) following = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  };
  createEffect(
    on(
      () => props.lines.length,
      () => {
        if (box && following) box.scrollTop = box.scrollHeight;
      },
    ),
  );
  return (
    <section class="card" aria-label="Transcript">
      <h2>
        Transcript{' '}
        <Show when={props.live}>
          <span class="badge live-badge" data-testid="transcript-live">
            live
          </span>
        </Show>
      </h2>
      <ol class="transcript" ref={box} onScroll={onScroll} data-testid="transcript">
        <For
          each={props.lines}
          fallback={<li class="muted">{props.live ? 'Nothing has been said yet.' : 'Nothing was said.'}</li>}
        >
          {(line) => (
            <li
              class={`line speaker-${line.speaker.toLowerCase()}`}
              data-testid="transcript-line"
              data-sequence={line.sequence}
              data-speaker={line.speaker}
            >
              <span class="offset">{formatOffset(line.startMs)}</span>
              <span class="speaker">{SPEAKERS[line.speaker] ?? line.speaker.toLowerCase()}</span>
              <span class="text">{line.text}</span>
            </li>
          )}
        </For>
      </ol>
    </section>
  );
}

function Timeline(props: { changes: StatusChange[] }) {
  return (
    <section class="card" aria-label="Status timeline">
      <h2>Status timeline</h2>
      <ol class="timeline" data-testid="timeline">
        <For each={props.changes}>
          {(change) => (
            <li data-testid="timeline-entry" data-status={change.status}>
              <StatusBadge status={change.status} testId="timeline-status" />
              <time datetime={change.at}>{formatDateTime(change.at)}</time>
            </li>
          )}
        </For>
      </ol>
    </section>
  );
}

function Latency(props: { latency: CallLatency | null }) {
  const stat = (label: string, testId: string, value: () => string) => (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value()}</dd>
    </div>
  );
  return (
    <section class="card" aria-label="Latency">
      <h2>Response latency</h2>
      <p class="hint">From the caller's end of speech to the agent's first audio back.</p>
      <dl class="facts latency" data-testid="latency">
        {stat('Replies measured', 'latency-samples', () => String(props.latency?.samples ?? 0))}
        {stat('Last', 'latency-last', () => formatMs(props.latency?.lastMs))}
        {stat('Median (p50)', 'latency-p50', () => formatMs(props.latency?.p50Ms))}
        {stat('p95', 'latency-p95', () => formatMs(props.latency?.p95Ms))}
        {stat('Average', 'latency-average', () => formatMs(props.latency?.averageMs))}
      </dl>
    </section>
  );
}
