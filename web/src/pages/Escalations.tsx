import { A } from '@solidjs/router';
import type { CombinedError } from '@urql/core';
import { createMutation, useClient } from '@urql/solid';
import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { createStore, produce, reconcile } from 'solid-js/store';
import { liveReconnects } from '../client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { createOutcome, OutcomeMessage } from '../components/Outcome.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import {
  AcceptEscalation,
  CompleteCallback,
  CompleteEscalation,
  callerOf,
  DeclineEscalation,
  EscalationChanged,
  type EscalationRow,
  HELD_STATUSES,
  isOpen,
  mergeEscalation,
  OPEN_STATUSES,
} from '../escalations.ts';
import { formatDateTime } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import { describeError, mutationProblem } from '../graphql.ts';
import { can, useViewer } from '../viewer.tsx';

/** The most escalations the queue lists. */
const QUEUE_LIMIT = 100;

const EscalationsQuery = graphql(`
  query ConsoleEscalations($status: [EscalationStatus!], $first: Int!) {
    escalations(status: $status, first: $first) { ...EscalationFields }
  }
`);

/**
 * The escalation queue, live: calls handed to human agents, most urgent first, each with what the
 * agent needs to carry on (summary, key points, knowledge used, the last lines). Agents accept,
 * decline and complete their own; supervisors can act for any agent.
 */
export function Escalations() {
  const client = useClient();
  const [escalations, setEscalations] = createStore<EscalationRow[]>([]);
  const [showClosed, setShowClosed] = createSignal(false);
  const [loading, setLoading] = createSignal(true);
  const [problem, setProblem] = createSignal('');
  const place = (row: EscalationRow) => setEscalations(produce((list) => mergeEscalation(list, row)));

  const load = async () => {
    const closedToo = showClosed();
    setLoading(true);
    const result = await client
      .query(
        EscalationsQuery,
        { status: closedToo ? null : [...OPEN_STATUSES], first: QUEUE_LIMIT },
        { requestPolicy: 'network-only' },
      )
      .toPromise();
    if (closedToo !== showClosed()) return;
    setLoading(false);
    setProblem(result.error ? describeError(result.error) : '');
    if (result.data) setEscalations(reconcile(result.data.escalations));
  };

  const subscription = client.subscription(EscalationChanged, {}).subscribe((result) => {
    if (result.error) setProblem(describeError(result.error));
    const row = result.data?.escalationChanged;
    if (row) place(row);
  });
  onCleanup(() => subscription.unsubscribe());
  createEffect(on(showClosed, load));
  createEffect(on(liveReconnects, load, { defer: true }));

  return (
    <section>
      <h1>
        Escalations{' '}
        <span class="count" data-testid="open-escalations">
          {escalations.filter((e) => isOpen(e.status)).length}
        </span>
      </h1>
      <p class="hint">
        Calls handed to a human agent, most urgent first. Each offer goes to one agent at a time; it moves on when
        declined or not accepted in time.
      </p>
      <label class="check picker">
        <input type="checkbox" checked={showClosed()} onChange={(e) => setShowClosed(e.currentTarget.checked)} />
        Show completed, callback and cancelled ones too
      </label>
      <ErrorAlert message={problem()} />
      <div class="escalations">
        <For each={escalations} fallback={<p class="muted">{loading() ? 'Loading…' : 'Nothing in the queue.'}</p>}>
          {(escalation) => <EscalationCard escalation={escalation} onChange={place} />}
        </For>
      </div>
    </section>
  );
}

function EscalationCard(props: { escalation: EscalationRow; onChange: (row: EscalationRow) => void }) {
  const viewer = useViewer();
  const e = () => props.escalation;
  const mine = () => !!viewer.user && e().agent?.user?.id === viewer.user.id;
  /** Agents act on what is theirs; supervisors on any. */
  const mayAct = () => can(viewer, 'ESCALATIONS_HANDLE') && (mine() || can(viewer, 'AGENTS_MANAGE'));
  const holder = () =>
    e().status === 'OFFERED' ? 'Offered to' : HELD_STATUSES.includes(e().status) ? 'Held by' : 'Agent';

  return (
    <article
      class="card escalation"
      classList={{ closed: !isOpen(e().status), mine: mine() }}
      aria-label={`Escalation of ${callerOf(e().call)}`}
      data-testid="escalation"
      data-escalation-id={e().id}
      data-status={e().status}
    >
      <header class="escalation-head">
        <span class={`badge priority-${e().priority.toLowerCase()}`} data-testid="escalation-priority">
          {e().priority.toLowerCase()}
        </span>
        <StatusBadge status={e().status} testId="escalation-status" />
        <strong data-testid="escalation-caller">
          {e().context.customerName ? `${e().context.customerName} (${callerOf(e().call)})` : callerOf(e().call)}
        </strong>
        <span class="badge">{e().reason.toLowerCase()}</span>
        <A href={`/calls/${e().call.id}`} data-testid="escalation-call-link">
          Open call
        </A>
      </header>
      <dl class="facts">
        <div>
          <dt>Reason</dt>
          <dd data-testid="escalation-reason">{e().reasonDetail ?? e().context.reason}</dd>
        </div>
        <div>
          <dt>{holder()}</dt>
          <dd data-testid="escalation-agent">
            {e().agent?.name ?? 'nobody yet'}
            {mine() ? ' (you)' : ''}
          </dd>
        </div>
        <div>
          <dt>Triggered</dt>
          <dd>{formatDateTime(e().triggeredAt)}</dd>
        </div>
        <div>
          <dt>Accepted</dt>
          <dd>{formatDateTime(e().acceptedAt)}</dd>
        </div>
        <div>
          <dt>Connected</dt>
          <dd>{formatDateTime(e().connectedAt)}</dd>
        </div>
        <Show when={e().completedAt}>
          <div>
            <dt>Closed</dt>
            <dd>{formatDateTime(e().completedAt)}</dd>
          </div>
        </Show>
        <Show when={e().status === 'COMPLETED'}>
          <div>
            <dt>Resolved</dt>
            <dd data-testid="escalation-resolved">{e().resolved ? 'yes' : 'no'}</dd>
          </div>
        </Show>
      </dl>
      <Show when={e().resolutionNotes}>
        <p class="note-body" data-testid="escalation-notes">
          {e().resolutionNotes}
        </p>
      </Show>
      <details class="escalation-context" open={isOpen(e().status)}>
        <summary>Context for the agent</summary>
        <p data-testid="escalation-summary">{e().context.summary}</p>
        <Show when={e().context.keyPoints.length}>
          <h3>Key points</h3>
          <ul data-testid="escalation-key-points">
            <For each={e().context.keyPoints}>{(point) => <li>{point}</li>}</For>
          </ul>
        </Show>
        <Show when={e().context.knowledgeUsed.length}>
          <h3>Knowledge used</h3>
          <ul data-testid="escalation-knowledge">
            <For each={e().context.knowledgeUsed}>
              {(citation) => (
                <li>
                  <Show when={citation.sourceUrl} fallback={citation.title}>
                    {(url) => (
                      <a href={url()} target="_blank" rel="noreferrer">
                        {citation.title}
                      </a>
                    )}
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={e().context.transcriptTail.length}>
          <h3>Last lines</h3>
          <ol class="transcript-tail" data-testid="escalation-transcript-tail">
            <For each={e().context.transcriptTail}>{(line) => <li>{line}</li>}</For>
          </ol>
        </Show>
      </details>
      <Show when={e().offers.length}>
        <details class="offers">
          <summary>Offers ({e().offers.length})</summary>
          <ol data-testid="escalation-offers">
            <For each={e().offers}>
              {(offer) => (
                <li data-testid="escalation-offer" data-outcome={offer.outcome}>
                  {offer.agent?.name ?? 'a deleted agent'} · {formatDateTime(offer.offeredAt)} ·{' '}
                  {offer.outcome.toLowerCase().replace('_', ' ')}
                </li>
              )}
            </For>
          </ol>
        </details>
      </Show>
      <Show
        when={mayAct() && (e().status === 'OFFERED' || e().status === 'CALLBACK' || HELD_STATUSES.includes(e().status))}
      >
        <EscalationActions escalation={e()} onChange={props.onChange} />
      </Show>
    </article>
  );
}

/** Accept, decline and complete answer alike: the escalation's new state, or an expected error. */
type EscalationMutationResult = {
  error?: CombinedError;
  data?: Record<string, { __typename: string; message?: string; data?: EscalationRow }> | null;
};

function EscalationActions(props: { escalation: EscalationRow; onChange: (row: EscalationRow) => void }) {
  const [, accept] = createMutation(AcceptEscalation);
  const [, decline] = createMutation(DeclineEscalation);
  const [, complete] = createMutation(CompleteEscalation);
  const [, completeCallback] = createMutation(CompleteCallback);
  const callback = () => props.escalation.status === 'CALLBACK';
  const outcome = createOutcome();
  const [busy, setBusy] = createSignal(false);
  const [resolved, setResolved] = createSignal(true);
  const [notes, setNotes] = createSignal('');

  const run = async (send: () => Promise<EscalationMutationResult>, done: string) => {
    setBusy(true);
    outcome.clear();
    const result = await send();
    setBusy(false);
    const updated = result.data && Object.values(result.data)[0]?.data;
    if (updated) props.onChange(updated);
    return outcome.report(mutationProblem(result), done);
  };

  const finish = async (event: SubmitEvent) => {
    event.preventDefault();
    const input = { resolved: resolved(), notes: notes().trim() || null };
    const worked = await run(
      () => (callback() ? completeCallback : complete)({ id: props.escalation.id, input }),
      callback() ? 'Called back: the task is closed.' : 'Completed.',
    );
    if (worked) setNotes('');
  };

  return (
    <div class="escalation-actions">
      <Show
        when={props.escalation.status === 'OFFERED'}
        fallback={
          <form
            class="stack"
            aria-label={callback() ? 'Close the callback task' : 'Complete the escalation'}
            onSubmit={finish}
          >
            <label class="check">
              <input type="checkbox" checked={resolved()} onChange={(e) => setResolved(e.currentTarget.checked)} />
              Resolved
            </label>
            <label>
              Resolution notes
              <textarea name="notes" rows={3} value={notes()} onInput={(e) => setNotes(e.currentTarget.value)} />
            </label>
            <div class="button-row">
              <button type="submit" disabled={busy()}>
                {callback() ? 'Mark called back' : 'Complete'}
              </button>
            </div>
          </form>
        }
      >
        <div class="button-row">
          <button
            type="button"
            disabled={busy()}
            onClick={() => run(() => accept({ id: props.escalation.id }), 'Accepted: your phone rings now.')}
          >
            Accept
          </button>
          <button
            type="button"
            class="secondary"
            disabled={busy()}
            onClick={() => run(() => decline({ id: props.escalation.id }), 'Declined: it goes to the next agent.')}
          >
            Decline
          </button>
        </div>
      </Show>
      <OutcomeMessage outcome={outcome} />
    </div>
  );
}
