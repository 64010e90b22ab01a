import { createUniqueId, type ParentProps } from 'solid-js';

/**
 * A labelled choice whose accessible name is its label alone: a label around a select would also
 * take in the options' text (here, business names).
 */
export function SelectField(
  props: ParentProps<{ label: string; name: string; value: string; onChange: (value: string) => void }>,
) {
  const id = createUniqueId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {props.children}
      </select>
    </div>
  );
}
