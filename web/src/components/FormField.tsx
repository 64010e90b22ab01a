import { type JSX, Show } from 'solid-js';

/** A labelled control with its hint and the server's complaint about it, if any. */
export function FormField(props: { label: string; error?: string; hint?: string; children: JSX.Element }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control comes in as children
    <label class="form-field">
      {props.label}
      {props.children}
      <Show when={props.hint}>
        <span class="hint">{props.hint}</span>
      </Show>
      <Show when={props.error}>
        <span class="field-error" role="alert">
          {props.error}
        </span>
      </Show>
    </label>
  );
}
