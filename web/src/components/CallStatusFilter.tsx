import { For } from 'solid-js';
import { CALL_STATUSES } from '../calls.ts';
import { statusLabel } from '../format.ts';

/**
 * A checkbox per call status; a change answers the statuses now ticked, comma-separated in the
 * statuses' own order, or null for none (the form an address keeps them in).
 */
export function CallStatusFilter(props: { selected: readonly string[]; onChange: (statuses: string | null) => void }) {
  const toggle = (status: string, on: boolean) => {
    const next = CALL_STATUSES.filter((s) => (s === status ? on : props.selected.includes(s)));
    props.onChange(next.join(',') || null);
  };
  return (
    <fieldset class="statuses">
      <legend>Status</legend>
      <For each={CALL_STATUSES}>
        {(status) => (
          <label class="check">
            <input
              type="checkbox"
              name="status"
              value={status}
              checked={props.selected.includes(status)}
              onChange={(e) => toggle(status, e.currentTarget.checked)}
            />
            {statusLabel(status)}
          </label>
        )}
      </For>
    </fieldset>
  );
}
