import { For } from 'solid-js';
import { WEEKDAYS } from '../business.ts';

/** Toggles ISO weekdays (1 = Monday … 7 = Sunday), kept sorted. */
export function WeekdayPicker(props: { days: readonly number[]; onChange: (days: number[]) => void }) {
  const toggle = (day: number) =>
    props.onChange(props.days.includes(day) ? props.days.filter((d) => d !== day) : [...props.days, day].sort());
  return (
    <fieldset class="segmented" aria-label="Days">
      <For each={WEEKDAYS}>
        {(label, index) => (
          <button type="button" aria-pressed={props.days.includes(index() + 1)} onClick={() => toggle(index() + 1)}>
            {label}
          </button>
        )}
      </For>
    </fieldset>
  );
}
