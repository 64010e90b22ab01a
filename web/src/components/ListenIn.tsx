import { createMutation } from '@urql/solid';
import { createSignal, onCleanup, Show } from 'solid-js';
import { graphql } from '../gql/gql.ts';
import { dataOf, mutationProblem } from '../graphql.ts';
import { CallListener, type ListenState, type ListenUpdate } from '../listen.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

const ListenToCall = graphql(`
  mutation ConsoleListenToCall($id: ID!) {
    listenToCall(id: $id) {
      __typename
      ... on MutationListenToCallSuccess { data { url expiresAt } }
      ... on Error { message }
    }
  }
`);

const LABELS: Record<ListenState, string> = {
  connecting: 'connecting…',
  listening: 'listening',
  stopped: 'stopped',
  failed: 'failed',
};

const running = (update: ListenUpdate | null) => update?.state === 'connecting' || update?.state === 'listening';

/** Listen-in: plays a live call's audio (caller and agent) in the browser. */
export function ListenIn(props: { callId: string; live: boolean }) {
  const [, listenToCall] = createMutation(ListenToCall);
  const [update, setUpdate] = createSignal<ListenUpdate | null>(null);
  const [problem, setProblem] = createSignal('');
  let listener: CallListener | undefined;
  let generation = 0;
  onCleanup(() => listener?.stop());

  const start = async () => {
    setProblem('');
    listener?.stop();
    // Made before the request, while the click still counts as the user's go-ahead to play sound.
    const mine = ++generation;
    const current = new CallListener((u) => mine === generation && setUpdate(u));
    listener = current;
    const result = await listenToCall({ id: props.callId });
    if (mine !== generation) return;
    const session = dataOf(result.data?.listenToCall);
    if (!session) {
      listener = undefined;
      current.stop();
      setUpdate(null);
      setProblem(mutationProblem(result) || 'Could not listen in.');
      return;
    }
    current.connect(session.url);
  };

  return (
    <div class="listen" data-testid="listen-player">
      <Show when={update()}>
        {(u) => (
          <p class="listen-state">
            <span class={`badge listen-${u().state}`} data-testid="listen-status" data-state={u().state}>
              {LABELS[u().state]}
            </span>
            <span>
              <span data-testid="listen-seconds">{u().seconds.toFixed(1)}</span> s of audio received
            </span>
            <Show when={u().reason}>
              <span class="muted" data-testid="listen-reason">
                {u().reason}
              </span>
            </Show>
          </p>
        )}
      </Show>
      <Show
        when={running(update())}
        fallback={
          <Show when={props.live} fallback={<p class="muted">Listening in is possible while the call is live.</p>}>
            <button type="button" onClick={start}>
              Listen in
            </button>
          </Show>
        }
      >
        <button type="button" class="secondary" onClick={() => listener?.stop()}>
          Stop listening
        </button>
      </Show>
      <ErrorAlert message={problem()} />
    </div>
  );
}
