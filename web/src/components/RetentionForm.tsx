import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { formatDateTime } from '../format.ts';
import { dataOf, describeError, mutationProblem } from '../graphql.ts';
import { RetentionPolicyQuery, type RetentionPolicyView, UpdateRetentionPolicy } from '../retention.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { createOutcome, OutcomeMessage } from './Outcome.tsx';

type DaysField =
  | 'transcriptDays'
  | 'callDays'
  | 'qaDetailDays'
  | 'notificationDays'
  | 'eventLogDays'
  | 'auditLogDays'
  | 'knowledgeSourceDays';
type RemovedKind = keyof NonNullable<RetentionPolicyView['lastRun']>['removed'];

/** Each kept kind: its policy field, its label, and the run report's count of it. */
const KINDS: { field: DaysField; label: string; removed: RemovedKind }[] = [
  { field: 'transcriptDays', label: 'Transcripts', removed: 'transcripts' },
  { field: 'callDays', label: 'Call records', removed: 'calls' },
  { field: 'qaDetailDays', label: 'QA details', removed: 'qaDetails' },
  { field: 'notificationDays', label: 'Notifications', removed: 'notifications' },
  { field: 'eventLogDays', label: 'Event log', removed: 'eventLog' },
  { field: 'auditLogDays', label: 'Audit log', removed: 'auditLog' },
  { field: 'knowledgeSourceDays', label: 'Knowledge sources', removed: 'knowledgeSources' },
];

const asText = (days: number | null | undefined) => (days === null || days === undefined ? '' : String(days));

/** How long the organisation keeps each kind of record (empty: forever), and what the last run removed. */
export function RetentionForm() {
  const [query] = createQuery({ query: RetentionPolicyQuery, requestPolicy: 'network-only' });
  const [, update] = createMutation(UpdateRetentionPolicy);
  const [saved, setSaved] = createSignal<RetentionPolicyView>();
  const [days, setDays] = createStore<Partial<Record<DaysField, string>>>({});
  const outcome = createOutcome();
  const policy = () => saved() ?? query.data?.retentionPolicy;
  const shown = (field: DaysField) => days[field] ?? asText(policy()?.[field]);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const input = Object.fromEntries(
      KINDS.map(({ field }) => [field, shown(field).trim() === '' ? null : Number(shown(field))]),
    );
    const result = await update({ input });
    const outcomeOf = result.data?.updateRetentionPolicy;
    const policyNow = dataOf(outcomeOf);
    const fields =
      outcomeOf && 'fieldErrors' in outcomeOf
        ? outcomeOf.fieldErrors
            .map((e) => `${KINDS.find((k) => k.field === e.field)?.label ?? e.field}: ${e.message}`)
            .join('; ')
        : '';
    if (outcome.report(policyNow ? '' : fields || mutationProblem(result), 'Retention policy saved.') && policyNow) {
      setSaved(policyNow);
      setDays({});
    }
  };

  return (
    <section class="card" aria-label="Retention">
      <p class="hint">
        Records older than these many days are deleted by the daily retention schedule; leave a field empty to keep that
        kind forever. Listen-in audio is never stored, so there is nothing of it to keep.
      </p>
      <ErrorAlert message={query.error && describeError(query.error)} />
      <form class="inline-form" onSubmit={submit}>
        <For each={KINDS}>
          {(kind) => (
            <label>
              {kind.label} (days)
              <input
                name={kind.field}
                type="number"
                min="1"
                step="1"
                placeholder="forever"
                value={shown(kind.field)}
                onInput={(e) => setDays(kind.field, e.currentTarget.value)}
              />
            </label>
          )}
        </For>
        <button type="submit">Save retention</button>
        <OutcomeMessage outcome={outcome} />
      </form>
      <Show when={policy()?.scheduleId}>
        {(id) => (
          <p class="hint">
            Enforced by the Temporal schedule <code>{id()}</code>.
          </p>
        )}
      </Show>
      <Show when={policy()?.lastRun} fallback={<p data-testid="retention-last-run">No retention run yet.</p>}>
        {(run) => (
          <div data-testid="retention-last-run">
            <p>Last run {formatDateTime(run().finishedAt)} removed:</p>
            <table>
              <tbody>
                <For each={KINDS}>
                  {(kind) => (
                    <tr>
                      <th scope="row">{kind.label}</th>
                      <td>{run().removed[kind.removed]}</td>
                    </tr>
                  )}
                </For>
                <tr>
                  <th scope="row">Workflow executions</th>
                  <td>{run().removed.workflowExecutions}</td>
                </tr>
              </tbody>
            </table>
          </div>
        )}
      </Show>
    </section>
  );
}
