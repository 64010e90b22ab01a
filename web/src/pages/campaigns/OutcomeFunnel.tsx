import { For } from 'solid-js';
import { type CampaignProgressView, OUTCOMES } from '../../campaigns.ts';

/** Contacts per outcome, each as a bar against the campaign's total. */
export function OutcomeFunnel(props: { progress: CampaignProgressView }) {
  const share = (n: number) => (props.progress.total ? (n / props.progress.total) * 100 : 0);
  return (
    <ul class="funnel" aria-label="Outcomes">
      <For each={OUTCOMES}>
        {(outcome) => (
          <li class="funnel-step" data-testid={`outcome-${outcome.key}`}>
            <span class="funnel-label">{outcome.label}</span>
            <span class="funnel-bar">
              <span style={{ width: `${share(props.progress.counts[outcome.key])}%` }} />
            </span>
            <span class="funnel-count" data-testid="outcome-count">
              {props.progress.counts[outcome.key]}
            </span>
          </li>
        )}
      </For>
    </ul>
  );
}
