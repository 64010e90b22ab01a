import { Show } from 'solid-js';
import { type CampaignProgressView, doneOf } from '../campaigns.ts';
import { formatDateTime } from '../format.ts';
import type { CampaignStatus } from '../gql/graphql.ts';
import { ProgressBar } from './ProgressBar.tsx';

/** A campaign's progress bar with how many contacts are done, the dial rate and, while it runs, when it should end. */
export function CampaignProgress(props: {
  name: string;
  status: CampaignStatus;
  progress: CampaignProgressView | null | undefined;
}) {
  return (
    <Show when={props.progress} fallback={<span class="muted">not started</span>}>
      {(progress) => (
        <div class="campaign-progress" data-testid="campaign-progress">
          <ProgressBar done={doneOf(progress())} total={progress().total} label={`Progress of ${props.name}`} />
          <span class="muted">
            <span data-testid="campaign-done">{doneOf(progress())}</span> of{' '}
            <span data-testid="campaign-total">{progress().total}</span> done ·{' '}
            <span data-testid="campaign-rate">{progress().dialsPerMinute}</span> calls/min
            <Show when={props.status === 'RUNNING' && progress().etaAt}>
              {(eta) => <span data-testid="campaign-eta"> · ETA {formatDateTime(eta())}</span>}
            </Show>
          </span>
        </div>
      )}
    </Show>
  );
}
