import { Show } from 'solid-js';

/** A problem to show the user, announced to screen readers; nothing when there is none. */
export function ErrorAlert(props: { message: string | false | null | undefined }) {
  return (
    <Show when={props.message}>
      {(message) => (
        <p class="error" role="alert">
          {message()}
        </p>
      )}
    </Show>
  );
}
