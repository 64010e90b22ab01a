import type { ResultOf } from '@graphql-typed-document-node/core';
import { useClient } from '@urql/solid';
import { createEffect, createSignal, on, onCleanup } from 'solid-js';
import { createStore, produce, reconcile } from 'solid-js/store';
import { liveReconnects } from '../../client.ts';
import type { CallNote } from '../../components/CallNotes.tsx';
import { EscalationChanged, type EscalationRow, mergeEscalation } from '../../escalations.ts';
import { graphql } from '../../gql/gql.ts';
import { describeError } from '../../graphql.ts';
import { CallQaChanged, type CallSentiment, type QaScore } from '../../quality.ts';
import type { CallDetails } from './CallHeader.tsx';
import type { CallLatency } from './Latency.tsx';
import type { Line } from './Transcript.tsx';

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
export type StatusChange = NonNullable<ResultOf<typeof CallQuery>['call']>['timeline'][number];

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
 * The call `callId` names, kept live: its record, what was said (replayed, then as it is spoken),
 * the caller's sentiment, the QA score and escalations. Opening another call starts afresh.
 */
export function createLiveCall(callId: () => string) {
  const client = useClient();
  const [state, setState] = createStore<State>(structuredClone(EMPTY_STATE));
  const [loading, setLoading] = createSignal(true);
  const [missing, setMissing] = createSignal(false);
  const [problem, setProblem] = createSignal('');
  const [qualityProblem, setQualityProblem] = createSignal('');

  const addEscalation = (escalation: EscalationRow) =>
    setState(
      'escalations',
      produce((list) => mergeEscalation(list, escalation)),
    );

  /** A QA score no older than the one shown (the subscription and a refetch can cross). */
  const applyQa = (qa: QaScore | null) => {
    if (!qa) return;
    if (state.qa && qa.computedAt < state.qa.computedAt) return;
    setState('qa', reconcile(qa));
  };

  const loadQuality = async (id: string) => {
    const result = await client.query(CallQualityQuery, { id }, { requestPolicy: 'network-only' }).toPromise();
    if (id !== callId()) return;
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
    sentimentTimer = setTimeout(() => loadQuality(callId()), SENTIMENT_REFETCH_MS);
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
      if (id !== callId()) return;
      addLines(page.lines);
      after = page.lines.at(-1)?.sequence;
      if (!page.hasMore || after === undefined) return;
    }
  };

  const load = async (id: string) => {
    const result = await client.query(CallQuery, { id }, { requestPolicy: 'network-only' }).toPromise();
    if (id !== callId()) return; // another call was opened meanwhile
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
        if (escalation?.call.id === id) addEscalation(escalation);
      }),
    );
  };
  onCleanup(unsubscribe);

  createEffect(
    on(callId, (id) => {
      unsubscribe();
      cursor = '0';
      setState(structuredClone(EMPTY_STATE));
      setQualityProblem('');
      setMissing(false);
      setLoading(true);
      load(id).then(() => id === callId() && state.call && subscribe(id));
    }),
  );
  createEffect(
    on(
      liveReconnects,
      () => {
        if (!state.call) return;
        load(callId());
        subscribe(callId());
      },
      { defer: true },
    ),
  );

  return {
    state,
    loading,
    missing,
    problem,
    qualityProblem,
    setNotes: (notes: CallNote[]) => setState('notes', reconcile(notes)),
    setQa: (qa: QaScore) => setState('qa', reconcile(qa)),
    addEscalation,
  };
}
