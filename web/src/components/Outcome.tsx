import { createSignal, Show } from 'solid-js';
import { ErrorAlert } from './ErrorAlert.tsx';

/** How the last action of a form ended: a notice when it worked, why not otherwise. */
export function createOutcome() {
  const [notice, setNotice] = createSignal('');
  const [error, setError] = createSignal('');
  return {
    notice,
    error,
    /** Shows `done` when `problem` is empty, else the problem; answers whether it worked. */
    report(problem: string, done = '') {
      setError(problem);
      setNotice(problem ? '' : done);
      return !problem;
    },
    clear() {
      setError('');
      setNotice('');
    },
  };
}

export type Outcome = ReturnType<typeof createOutcome>;

export function OutcomeMessage(props: { outcome: Outcome }) {
  return (
    <>
      <Show when={props.outcome.notice()}>
        <p class="notice" role="status">
          {props.outcome.notice()}
        </p>
      </Show>
      <ErrorAlert message={props.outcome.error()} />
    </>
  );
}
