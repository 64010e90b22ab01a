import { createMutation } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { formatDateTime, formatOffset } from '../format.ts';
import { dataOf, mutationProblem } from '../graphql.ts';
import { formatScore, OverrideQaScore, QA_COMPONENTS, type QaScore, RecalculateQa, ruleLabel } from '../quality.ts';
import { can, useViewer } from '../viewer.tsx';
import { createOutcome, OutcomeMessage } from './Outcome.tsx';
import { ProgressBar } from './ProgressBar.tsx';

/**
 * The call's QA score: live while the call runs, final after; its components with their weights,
 * the grader's notes and the compliance violations. Reviewers override it or have it recalculated.
 */
export function QaPanel(props: { callId: string; qa: QaScore | null; onChange: (qa: QaScore) => void }) {
  const viewer = useViewer();
  return (
    <section class="card qa" aria-label="Quality">
      <h2>Quality</h2>
      <Show when={props.qa} fallback={<p class="muted">Not scored yet: the score appears once the caller speaks.</p>}>
        {(qa) => (
          <>
            <div class="qa-head">
              <span class="qa-score" data-testid="qa-score" title="The effective score, 0 to 1">
                {formatScore(qa().effectiveScore)}
              </span>
              <span class={`badge ${qa().final ? 'badge-final' : 'live-badge'}`} data-testid="qa-state">
                {qa().final ? 'FINAL' : 'LIVE'}
              </span>
              <span class="badge" data-testid="qa-grader" title="Who graded the call">
                {qa().grader}
              </span>
            </div>
            <p class="muted">Computed {formatDateTime(qa().computedAt)}</p>
            <Show when={qa().override}>
              {(override) => (
                <p class="notice" data-testid="qa-override">
                  Overridden to {formatScore(override().score)} by {override().by?.displayName ?? 'an API key'} (
                  {formatDateTime(override().at)}): “{override().reason}”. Computed score: {formatScore(qa().score)}.
                </p>
              )}
            </Show>
            <table class="qa-components" aria-label="QA components">
              <thead>
                <tr>
                  <th>Component</th>
                  <th>Score</th>
                  <th>Weight</th>
                </tr>
              </thead>
              <tbody>
                <For each={QA_COMPONENTS}>
                  {(component) => (
                    <tr data-testid="qa-component" data-component={component.key}>
                      <td>{component.label}</td>
                      <td>
                        <ProgressBar
                          done={qa().components[component.key]}
                          total={1}
                          label={`${component.label} score`}
                          testId={`qa-${component.key}`}
                        />
                      </td>
                      <td data-testid="qa-weight">{Math.round(qa().weights[component.key] * 100)}%</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <Show when={qa().notes.length}>
              <h3>Notes</h3>
              <ul class="qa-notes" data-testid="qa-notes">
                <For each={qa().notes}>{(note) => <li>{note}</li>}</For>
              </ul>
            </Show>
            <h3>Violations</h3>
            <ul class="violations" data-testid="qa-violations">
              <For each={qa().violations} fallback={<li class="muted">None.</li>}>
                {(violation) => (
                  <li data-testid="qa-violation" data-rule={violation.rule} class={`severity-${violation.severity}`}>
                    <strong>{ruleLabel(violation.rule)}</strong> <span class="badge">{violation.severity}</span>{' '}
                    <Show when={violation.lineSequence !== null}>
                      <a href={`#line-${violation.lineSequence}`} class="muted">
                        line {violation.lineSequence} at {formatOffset(violation.offsetMs)}
                      </a>
                    </Show>
                    <p>{violation.detail}</p>
                  </li>
                )}
              </For>
            </ul>
            <Show when={can(viewer, 'QUALITY_REVIEW')}>
              <ReviewForm callId={props.callId} qa={qa()} onChange={props.onChange} />
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}

function ReviewForm(props: { callId: string; qa: QaScore; onChange: (qa: QaScore) => void }) {
  const [, override] = createMutation(OverrideQaScore);
  const [, recalculate] = createMutation(RecalculateQa);
  const outcome = createOutcome();
  const [score, setScore] = createSignal(props.qa.override?.score.toFixed(2) ?? '');
  const [reason, setReason] = createSignal('');
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const value = Number(score());
    if (score().trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
      return outcome.report('The score is a number from 0 to 1.');
    }
    setBusy(true);
    const result = await override({ callId: props.callId, score: value, reason: reason().trim() });
    setBusy(false);
    const qa = dataOf(result.data?.overrideQaScore);
    if (qa) {
      props.onChange(qa);
      setReason('');
    }
    outcome.report(mutationProblem(result), 'Score overridden.');
  };

  const rescore = async () => {
    setBusy(true);
    const result = await recalculate({ callId: props.callId });
    setBusy(false);
    const qa = dataOf(result.data?.recalculateQa);
    if (qa) props.onChange(qa);
    outcome.report(mutationProblem(result), 'Recalculated with the current rules.');
  };

  return (
    <form class="stack review" aria-label="Review the score" onSubmit={submit}>
      <h3>Review</h3>
      <div class="inline-form">
        <label>
          Reviewer's score
          <input
            class="narrow"
            name="score"
            type="number"
            min="0"
            max="1"
            step="0.01"
            value={score()}
            onInput={(e) => setScore(e.currentTarget.value)}
            required
          />
        </label>
        <label class="grow">
          Reason
          <input name="reason" value={reason()} onInput={(e) => setReason(e.currentTarget.value)} required />
        </label>
      </div>
      <div class="button-row">
        <button type="submit" disabled={busy()}>
          Override score
        </button>
        <button type="button" class="secondary" disabled={busy()} onClick={rescore}>
          Recalculate
        </button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}
