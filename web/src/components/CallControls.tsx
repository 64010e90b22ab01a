import { createMutation } from '@urql/solid';
import { createSignal, Show } from 'solid-js';
import { EndCall } from '../calls.ts';
import { graphql } from '../gql/gql.ts';
import type { InterventionAction } from '../gql/graphql.ts';
import { mutationProblem } from '../graphql.ts';
import { can, useViewer } from '../viewer.tsx';
import { createOutcome, OutcomeMessage } from './Outcome.tsx';

const InterveneCall = graphql(`
  mutation ConsoleInterveneCall($id: ID!, $input: InterveneInput!) {
    interveneCall(id: $id, input: $input) { __typename ... on Error { message } }
  }
`);
const TakeOverCall = graphql(`
  mutation ConsoleTakeOverCall($id: ID!, $input: TakeOverInput!) {
    takeOverCall(id: $id, input: $input) { __typename ... on Error { message } }
  }
`);

const DONE: Record<InterventionAction, string> = {
  SAY: 'The agent is saying it now.',
  INSTRUCT: 'The agent follows the instruction from now on.',
  PAUSE_AI: 'The agent is paused: it does not talk or answer until resumed.',
  RESUME_AI: 'The agent answers again.',
};

/** What a supervisor can do to a live call: steer the agent, take over, end it. Shown only what the role may do. */
export function CallControls(props: { callId: string }) {
  const viewer = useViewer();
  const [, intervene] = createMutation(InterveneCall);
  const [, takeOver] = createMutation(TakeOverCall);
  const [, endCall] = createMutation(EndCall);
  const outcome = createOutcome();
  const [text, setText] = createSignal('');
  const [humanNumber, setHumanNumber] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [confirmingEnd, setConfirmingEnd] = createSignal(false);

  /** Runs one control at a time and reports how it went. */
  const run = async (work: () => Promise<string>, done: string) => {
    setBusy(true);
    outcome.clear();
    try {
      return outcome.report(await work(), done);
    } finally {
      setBusy(false);
    }
  };

  const steer = async (action: InterventionAction) => {
    const needsText = action === 'SAY' || action === 'INSTRUCT';
    if (needsText && !text().trim()) return outcome.report('Write what the agent should say or do first.');
    const input = { action, ...(needsText && { text: text().trim() }) };
    const worked = await run(async () => mutationProblem(await intervene({ id: props.callId, input })), DONE[action]);
    if (worked && needsText) setText('');
  };

  const transfer = async (event: SubmitEvent) => {
    event.preventDefault();
    const toNumber = humanNumber().trim();
    await run(
      async () => mutationProblem(await takeOver({ id: props.callId, input: toNumber ? { toNumber } : {} })),
      `Handing the call over to ${toNumber || "the business's handoff number"}.`,
    );
  };

  const end = async () => {
    setConfirmingEnd(false);
    await run(async () => mutationProblem(await endCall({ id: props.callId })), 'Ending the call…');
  };

  return (
    <section class="card controls" aria-label="Call controls" data-testid="call-controls">
      <h2>Controls</h2>
      <Show when={can(viewer, 'CALLS_INTERVENE')}>
        <form class="stack" aria-label="Intervene" onSubmit={(e) => e.preventDefault()}>
          <label>
            Text for the agent
            <input
              name="interventionText"
              placeholder="A sentence to say, or an instruction"
              value={text()}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </label>
          <div class="button-row">
            <button type="button" disabled={busy()} onClick={() => steer('SAY')}>
              Say
            </button>
            <button type="button" disabled={busy()} onClick={() => steer('INSTRUCT')}>
              Instruct
            </button>
            <button type="button" class="secondary" disabled={busy()} onClick={() => steer('PAUSE_AI')}>
              Pause AI
            </button>
            <button type="button" class="secondary" disabled={busy()} onClick={() => steer('RESUME_AI')}>
              Resume AI
            </button>
          </div>
        </form>
        <form class="stack" aria-label="Take over" onSubmit={transfer}>
          <label>
            Human number
            <input
              name="humanNumber"
              placeholder="Empty: the business's handoff number"
              value={humanNumber()}
              onInput={(e) => setHumanNumber(e.currentTarget.value)}
            />
          </label>
          <div class="button-row">
            <button type="submit" disabled={busy()}>
              Take over
            </button>
          </div>
        </form>
      </Show>
      <Show when={can(viewer, 'CALLS_END')}>
        <div class="button-row">
          <Show
            when={confirmingEnd()}
            fallback={
              <button type="button" class="danger" disabled={busy()} onClick={() => setConfirmingEnd(true)}>
                End call
              </button>
            }
          >
            <span class="confirm">Hang up on the caller?</span>
            <button type="button" class="danger" disabled={busy()} onClick={end}>
              End call now
            </button>
            <button type="button" class="secondary" onClick={() => setConfirmingEnd(false)}>
              Cancel
            </button>
          </Show>
        </div>
      </Show>
      <OutcomeMessage outcome={outcome} />
    </section>
  );
}
