import { A } from '@solidjs/router';
import { createMutation } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { EscalateCall, type EscalationRow, PRIORITIES } from '../escalations.ts';
import { formatDateTime } from '../format.ts';
import type { Priority } from '../gql/graphql.ts';
import { dataOf, mutationProblem } from '../graphql.ts';
import { can, useViewer } from '../viewer.tsx';
import { createOutcome, OutcomeMessage } from './Outcome.tsx';
import { StatusBadge } from './StatusBadge.tsx';

/** A call's escalations to human agents and, for supervisors on a live call, handing it to one now. */
export function CallEscalations(props: {
  callId: string;
  live: boolean;
  escalations: EscalationRow[];
  onEscalated: (escalation: EscalationRow) => void;
}) {
  const viewer = useViewer();
  return (
    <section class="card" aria-label="Escalations">
      <h2>Escalations</h2>
      <ul class="call-escalations">
        <For each={props.escalations} fallback={<li class="muted">Not escalated.</li>}>
          {(escalation) => (
            <li data-testid="call-escalation" data-escalation-id={escalation.id} data-status={escalation.status}>
              <p class="escalation-head">
                <StatusBadge status={escalation.status} testId="call-escalation-status" />
                <span class="badge">{escalation.reason.toLowerCase()}</span>
                <span class={`badge priority-${escalation.priority.toLowerCase()}`}>
                  {escalation.priority.toLowerCase()}
                </span>
              </p>
              <p>{escalation.reasonDetail ?? escalation.context.reason}</p>
              <p class="muted">
                {formatDateTime(escalation.triggeredAt)} ·{' '}
                <span data-testid="call-escalation-agent">
                  {escalation.agent ? escalation.agent.name : 'no agent yet'}
                </span>{' '}
                · <A href="/escalations">queue</A>
              </p>
              <Show when={escalation.resolutionNotes}>
                <p class="note-body">{escalation.resolutionNotes}</p>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.live && can(viewer, 'CALLS_ESCALATE')}>
        <EscalateForm callId={props.callId} onEscalated={props.onEscalated} />
      </Show>
    </section>
  );
}

function EscalateForm(props: { callId: string; onEscalated: (escalation: EscalationRow) => void }) {
  const [, escalate] = createMutation(EscalateCall);
  const outcome = createOutcome();
  const [reason, setReason] = createSignal('');
  const [priority, setPriority] = createSignal<Priority>('HIGH');
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    outcome.clear();
    const result = await escalate({ callId: props.callId, reason: reason().trim() || null, priority: priority() });
    setBusy(false);
    const escalation = dataOf(result.data?.escalateCall);
    if (escalation) {
      props.onEscalated(escalation);
      setReason('');
    }
    outcome.report(mutationProblem(result), 'Escalated: the call is being offered to a human agent.');
  };

  return (
    <form class="stack" aria-label="Escalate the call" onSubmit={submit}>
      <div class="inline-form">
        <label class="grow">
          Reason for the agent
          <input
            name="escalationReason"
            placeholder="Optional"
            value={reason()}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </label>
        <label>
          Priority
          <select
            class="narrow"
            name="priority"
            value={priority()}
            onChange={(e) => setPriority(e.currentTarget.value as Priority)}
          >
            <For each={PRIORITIES}>
              {(p) => (
                <option value={p} selected={p === priority()}>
                  {p.toLowerCase()}
                </option>
              )}
            </For>
          </select>
        </label>
      </div>
      <div class="button-row">
        <button type="submit" disabled={busy()}>
          {busy() ? 'Escalating…' : 'Escalate'}
        </button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}
