import { A } from '@solidjs/router';
import { For } from 'solid-js';
import type { CallRow } from '../../calls.ts';
import { useNow } from '../../clock.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatDuration, secondsSince } from '../../format.ts';

/** The calls going on right now, live: each opens its call page. */
export function ActiveCalls(props: { calls: CallRow[] }) {
  const now = useNow();
  return (
    <section class="card" aria-label="Active calls">
      <h2>
        Active now{' '}
        <span class="count" data-testid="active-count">
          {props.calls.length}
        </span>
      </h2>
      <ul class="active-calls">
        <For each={props.calls} fallback={<li class="muted">No calls are going on.</li>}>
          {(call) => (
            <li data-testid="active-call" data-call-id={call.id}>
              <A href={`/calls/${call.id}`} title="Open the call">
                {call.direction === 'INBOUND' ? call.fromNumber : call.toNumber}
              </A>
              <span class="muted">{call.business.name}</span>
              <StatusBadge status={call.status} testId="active-call-status" />
              <span class="muted">{formatDuration(secondsSince(call.answeredAt ?? call.createdAt, now()))}</span>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
