import { For } from 'solid-js';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatDateTime } from '../../format.ts';
import type { StatusChange } from './live-call.ts';

/** Every status the call has been in, oldest first, with when it got there. */
export function Timeline(props: { changes: StatusChange[] }) {
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
