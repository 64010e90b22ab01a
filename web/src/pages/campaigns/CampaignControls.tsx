import { createMutation } from '@urql/solid';
import { createSignal, Show } from 'solid-js';
import { type CampaignSummary, CancelCampaign, PauseCampaign, ResumeCampaign, StartCampaign } from '../../campaigns.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { mutationProblem } from '../../graphql.ts';

/** Start, pause, resume and cancel, as the campaign's status allows; cancelling asks about the calls in progress. */
export function CampaignControls(props: { campaign: CampaignSummary }) {
  const [, start] = createMutation(StartCampaign);
  const [, pause] = createMutation(PauseCampaign);
  const [, resume] = createMutation(ResumeCampaign);
  const [, cancel] = createMutation(CancelCampaign);
  const [problem, setProblem] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  const [endCalls, setEndCalls] = createSignal(false);
  const status = () => props.campaign.status;
  const run = async (action: () => Promise<Parameters<typeof mutationProblem>[0]>) => {
    setBusy(true);
    setProblem(mutationProblem(await action()));
    setBusy(false);
    setConfirming(false);
  };
  const id = () => ({ id: props.campaign.id });
  return (
    <fieldset class="stack" aria-label="Campaign controls">
      <div class="inline-form">
        <Show when={status() === 'DRAFT'}>
          <button type="button" disabled={busy()} onClick={() => run(() => start(id()))}>
            Start
          </button>
        </Show>
        <Show when={status() === 'RUNNING' || status() === 'SCHEDULED'}>
          <button type="button" class="secondary" disabled={busy()} onClick={() => run(() => pause(id()))}>
            Pause
          </button>
        </Show>
        <Show when={status() === 'PAUSED'}>
          <button type="button" disabled={busy()} onClick={() => run(() => resume(id()))}>
            Resume
          </button>
        </Show>
        <Show when={['RUNNING', 'SCHEDULED', 'PAUSED'].includes(status()) && !confirming()}>
          <button type="button" class="danger" disabled={busy()} onClick={() => setConfirming(true)}>
            Cancel campaign
          </button>
        </Show>
      </div>
      <Show when={confirming()}>
        <section class="card" role="dialog" aria-label="Cancel the campaign">
          <p>No more calls will be placed. What about the calls in progress?</p>
          <label class="checkbox">
            <input type="checkbox" checked={endCalls()} onChange={(e) => setEndCalls(e.currentTarget.checked)} />
            End the calls in progress now (otherwise they finish)
          </label>
          <div class="inline-form">
            <button
              type="button"
              class="danger"
              disabled={busy()}
              onClick={() => run(() => cancel({ ...id(), endCalls: endCalls() }))}
            >
              Cancel the campaign
            </button>
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        </section>
      </Show>
      <ErrorAlert message={problem()} />
    </fieldset>
  );
}
