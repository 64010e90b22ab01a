import { A, useParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { isActive } from '../calls.ts';
import { CallControls } from '../components/CallControls.tsx';
import { CallEscalations } from '../components/CallEscalations.tsx';
import { CallNotes } from '../components/CallNotes.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ListenIn } from '../components/ListenIn.tsx';
import { QaPanel } from '../components/QaPanel.tsx';
import { SentimentChart } from '../components/SentimentChart.tsx';
import { TranscriptDownloads } from '../components/TranscriptDownloads.tsx';
import { can, useViewer } from '../viewer.tsx';
import { Analysis } from './call-detail/Analysis.tsx';
import { CallHeader } from './call-detail/CallHeader.tsx';
import { Latency } from './call-detail/Latency.tsx';
import { createLiveCall } from './call-detail/live-call.ts';
import { Timeline } from './call-detail/Timeline.tsx';
import { Transcript } from './call-detail/Transcript.tsx';

/**
 * One call: what it is, what was said (live while it is spoken), the caller's sentiment and the QA
 * score (both live), the post-call analysis, escalations, how fast the agent answers, notes and controls.
 */
export function CallDetail() {
  const params = useParams<{ id: string }>();
  const viewer = useViewer();
  const live = createLiveCall(() => params.id);

  return (
    <section class="call-detail">
      <p class="crumbs">
        <A href="/calls">← Calls</A>
      </p>
      <ErrorAlert message={live.problem()} />
      <Show when={!live.missing()} fallback={<NotFound id={params.id} />}>
        <Show when={live.state.call} fallback={<p class="muted">{live.loading() ? 'Loading…' : ''}</p>}>
          {(call) => (
            <>
              <CallHeader call={call()} />
              <div class="call-grid">
                <div class="call-main">
                  <ErrorAlert message={live.qualityProblem()} />
                  <SentimentChart
                    points={live.state.sentiment.timeline}
                    current={live.state.sentiment.current}
                    threshold={live.state.threshold}
                  />
                  <Analysis callId={call().id} ended={!isActive(call().status)} />
                  <Transcript
                    lines={live.state.lines}
                    live={isActive(call().status)}
                    sentiment={live.state.sentiment.timeline}
                    violations={live.state.qa?.violations ?? []}
                  />
                  <CallNotes callId={call().id} notes={live.state.notes} onChange={live.setNotes} />
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
                  <QaPanel callId={call().id} qa={live.state.qa} onChange={live.setQa} />
                  <CallEscalations
                    callId={call().id}
                    live={isActive(call().status)}
                    escalations={live.state.escalations}
                    onEscalated={live.addEscalation}
                  />
                  <TranscriptDownloads callId={call().id} />
                  <Timeline changes={live.state.timeline} />
                  <Latency latency={live.state.latency} />
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
