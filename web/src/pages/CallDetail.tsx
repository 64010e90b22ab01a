import type { ResultOf } from '@graphql-typed-document-node/core';
import { A, useParams } from '@solidjs/router';
import { useClient } from '@urql/solid';
import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { createStore, produce, reconcile } from 'solid-js/store';
import { isActive } from '../calls.ts';
import { liveReconnects } from '../client.ts';
import { useNow } from '../clock.ts';
import { CallControls } from '../components/CallControls.tsx';
import { CallEscalations } from '../components/CallEscalations.tsx';
import { type CallNote, CallNotes } from '../components/CallNotes.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ListenIn } from '../components/ListenIn.tsx';
import { QaPanel } from '../components/QaPanel.tsx';
import { SentimentChart } from '../components/SentimentChart.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { EscalationChanged, type EscalationRow, mergeEscalation } from '../escalations.ts';
import { formatDateTime, formatDuration, formatMs, formatOffset, secondsSince } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import { describeError } from '../graphql.ts';
import {
  CallQaChanged,
  type CallSentiment,
  formatSentiment,
  type QaScore,
  ruleLabel,
  type SentimentPoint,
  type Violation,
} from '../quality.ts';
import { can, useViewer } from '../viewer.tsx';

const CallDetailFields = graphql(`
  fragment CallDetailFields on Call { ...CallFields endedAt endReason workflowId }
`);
type CallDetails = ResultOf<typeof CallDetailFields>;

const CallLatencyFields = graphql(`
  fragment CallLatencyFields on CallLatency { samples p50Ms p95Ms averageMs lastMs }
`);
type CallLatency = ResultOf<typeof CallLatencyFields>;

const TranscriptLineFields = graphql(`
  fragment TranscriptLineFields on TranscriptLine { sequence speaker text startMs endMs }
`);
const LiveLineFields = graphql(`
  fragment LiveLineFields on LiveTranscriptLine { sequence speaker text startMs endMs }
`);
/** A line as the transcript pages and the live events carry it. */
type Line = ResultOf<typeof TranscriptLineFields> | ResultOf<typeof LiveLineFields>;

/** Lines per transcript request (the API's most). */
const TRANSCRIPT_PAGE = 500;

const CallQuery = graphql(`
  query ConsoleCall($id: ID!) {
    call(id: $id) {
      ...CallDetailFields
      timeline { status at }
      latency { ...CallLatencyFields }
      notes { ...CallNoteFields }
    }
  }
`);
type StatusChange = NonNullable<ResultOf<typeof CallQuery>['call']>['timeline'][number];

const TranscriptQuery = graphql(`
  query ConsoleCallTranscript($id: ID!, $first: Int!, $after: Int) {
    call(id: $id) { id transcript(first: $first, afterSequence: $after) { hasMore lines { ...TranscriptLineFields } } }
  }
`);
const CallEvents = graphql(`
  subscription ConsoleCallEvents($id: ID!, $after: String) {
    callEvents(callId: $id, after: $after) {
      cursor type call { ...CallDetailFields } line { ...LiveLineFields } latency { ...CallLatencyFields }
    }
  }
`);
type CallEvent = ResultOf<typeof CallEvents>['callEvents'];

/** How the call is going: the caller's sentiment, the QA score, escalations and the business's alert threshold. */
const CallQualityQuery = graphql(`
  query ConsoleCallQuality($id: ID!) {
    call(id: $id) {
      id sentiment { ...CallSentimentFields } qa { ...QaScoreFields } escalations { ...EscalationFields }
      business { id qualitySettings { sentimentAlertThreshold } }
    }
  }
`);
/** After a caller's line is heard, its sentiment is fetched this much later (several lines at once). */
const SENTIMENT_REFETCH_MS = 250;

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
  sentiment: CallSentiment;
  qa: QaScore | null;
  escalations: EscalationRow[];
  threshold: number | null;
}

const EMPTY_STATE: State = {
  call: null,
  timeline: [],
  latency: null,
  notes: [],
  lines: [],
  sentiment: { current: null, timeline: [] },
  qa: null,
  escalations: [],
  threshold: null,
};

/**
 * One call: what it is, what was said (live while it is spoken), the caller's sentiment and the QA
 * score (both live), escalations, how fast the agent answers, notes and controls.
 */
export function CallDetail() {
  const params = useParams<{ id: string }>();
  const client = useClient();
  const viewer = useViewer();
  const [state, setState] = createStore<State>(structuredClone(EMPTY_STATE));
  const [loading, setLoading] = createSignal(true);
  const [missing, setMissing] = createSignal(false);
  const [problem, setProblem] = createSignal('');
  const [qualityProblem, setQualityProblem] = createSignal('');

  /** A QA score no older than the one shown (the subscription and a refetch can cross). */
  const applyQa = (qa: QaScore | null) => {
    if (!qa) return;
    if (state.qa && qa.computedAt < state.qa.computedAt) return;
    setState('qa', reconcile(qa));
  };

  const loadQuality = async (id: string) => {
    const result = await client.query(CallQualityQuery, { id }, { requestPolicy: 'network-only' }).toPromise();
    if (id !== params.id) return;
    const quality = result.data?.call;
    setQualityProblem(result.error ? describeError(result.error) : '');
    if (!quality) return;
    setState('sentiment', reconcile(quality.sentiment));
    setState('threshold', quality.business.qualitySettings.sentimentAlertThreshold);
    applyQa(quality.qa);
    setState(
      'escalations',
      produce((list) => {
        for (const escalation of quality.escalations) mergeEscalation(list, escalation);
      }),
    );
  };
  let sentimentTimer: ReturnType<typeof setTimeout> | undefined;
  const refetchQualitySoon = () => {
    clearTimeout(sentimentTimer);
    sentimentTimer = setTimeout(() => loadQuality(params.id), SENTIMENT_REFETCH_MS);
  };
  onCleanup(() => clearTimeout(sentimentTimer));

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
    if (event.type === 'TRANSCRIPT' && event.line) {
      addLines([event.line]);
      if (event.line.speaker === 'CUSTOMER') refetchQualitySoon();
    } else if (event.type === 'METRICS' && event.latency) {
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
    await Promise.all([loadTranscript(id), loadQuality(id)]);
  };

  // Every event of the call from the start (replayed, then live): nothing said between loading the
  // transcript and subscribing is missed, and lines already shown are not repeated. After the live
  // connection comes back, it resumes after the last event seen.
  let cursor = '0';
  let subscriptions: { unsubscribe(): void }[] = [];
  const unsubscribe = () => {
    for (const s of subscriptions) s.unsubscribe();
    subscriptions = [];
  };
  const subscribe = (id: string) => {
    unsubscribe();
    subscriptions.push(
      client.subscription(CallEvents, { id, after: cursor }).subscribe((result) => {
        if (result.error) setProblem(describeError(result.error));
        const event = result.data?.callEvents;
        if (!event) return;
        if (BigInt(event.cursor) > BigInt(cursor)) cursor = event.cursor;
        onEvent(event);
      }),
      client.subscription(CallQaChanged, { callId: id }).subscribe((result) => {
        if (result.error) setQualityProblem(describeError(result.error));
        const qa = result.data?.callQaChanged;
        if (!qa) return;
        applyQa(qa);
        refetchQualitySoon(); // the sentiment the new score was computed from
      }),
      client.subscription(EscalationChanged, {}).subscribe((result) => {
        const escalation = result.data?.escalationChanged;
        if (escalation?.call.id === id)
          setState(
            'escalations',
            produce((list) => mergeEscalation(list, escalation)),
          );
      }),
    );
  };
  onCleanup(unsubscribe);

  createEffect(
    on(
      () => params.id,
      (id) => {
        unsubscribe();
        cursor = '0';
        setState(structuredClone(EMPTY_STATE));
        setQualityProblem('');
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
                  <ErrorAlert message={qualityProblem()} />
                  <SentimentChart
                    points={state.sentiment.timeline}
                    current={state.sentiment.current}
                    threshold={state.threshold}
                  />
                  <Transcript
                    lines={state.lines}
                    live={isActive(call().status)}
                    sentiment={state.sentiment.timeline}
                    violations={state.qa?.violations ?? []}
                  />
                  <CallNotes
                    callId={call().id}
                    notes={state.notes}
                    onChange={(notes) => setState('notes', reconcile(notes))}
                  />
                </div>
                <div class="call-side">
                  <Show when={isActive(call().status) && (can(viewer, 'CALLS_INTERVENE') || can(viewer, 'CALLS_END'))}>
                    <CallControls callId={call().id} />
                  </Show>
                  <Show when={can(viewer, 'CALLS_LISTEN')}>
                    <section class="card" aria-label="Listen in">
                      <h2>Listen in</h2>
                      <ListenIn callId={call().id} live={isActive(call().status)} />
                    </section>
                  </Show>
                  <QaPanel callId={call().id} qa={state.qa} onChange={(qa) => setState('qa', reconcile(qa))} />
                  <CallEscalations
                    callId={call().id}
                    live={isActive(call().status)}
                    escalations={state.escalations}
                    onEscalated={(e) =>
                      setState(
                        'escalations',
                        produce((list) => mergeEscalation(list, e)),
                      )
                    }
                  />
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

/**
 * What was said, newest at the bottom; follows new lines unless the reader has scrolled up. Caller
 * lines show their sentiment; lines with a compliance violation are highlighted with it.
 */
function Transcript(props: { lines: Line[]; live: boolean; sentiment: SentimentPoint[]; violations: Violation[] }) {
  const sentimentOf = (sequence: number) => props.sentiment.find((p) => p.sequence === sequence);
  const violationsOf = (sequence: number) => props.violations.filter((v) => v.lineSequence === sequence);
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
              id={`line-${line.sequence}`}
              class={`line speaker-${line.speaker.toLowerCase()}`}
              classList={{ flagged: violationsOf(line.sequence).length > 0 }}
              data-testid="transcript-line"
              data-sequence={line.sequence}
              data-speaker={line.speaker}
              data-violations={violationsOf(line.sequence)
                .map((v) => v.rule)
                .join(' ')}
            >
              <span class="offset">{formatOffset(line.startMs)}</span>
              <span class="speaker">{SPEAKERS[line.speaker] ?? line.speaker.toLowerCase()}</span>
              <span class="text">{line.text}</span>
              <Show when={sentimentOf(line.sequence)}>
                {(point) => (
                  <span
                    class={`line-sentiment sentiment-${point().label}`}
                    data-testid="line-sentiment"
                    data-label={point().label}
                    title="Sentiment of this line (VADER compound, −1 to 1)"
                  >
                    {point().label} {formatSentiment(point().compound)}
                  </span>
                )}
              </Show>
              <For each={violationsOf(line.sequence)}>
                {(violation) => (
                  <p class="line-violation" data-testid="line-violation" data-rule={violation.rule}>
                    <strong>{ruleLabel(violation.rule)}</strong> ({violation.severity}): {violation.detail}
                  </p>
                )}
              </For>
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
