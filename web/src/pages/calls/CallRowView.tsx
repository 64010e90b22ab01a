import { A } from '@solidjs/router';
import { createMutation } from '@urql/solid';
import { Show } from 'solid-js';
import { type CallRow, EndCall, isActive } from '../../calls.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatDateTime, formatDuration } from '../../format.ts';
import { mutationProblem } from '../../graphql.ts';
import { can, useViewer } from '../../viewer.tsx';

/** One call of the history: its page, its workflow, and ending it while it is live. */
export function CallRowView(props: { call: CallRow; onProblem: (message: string) => void }) {
  const viewer = useViewer();
  const [, endCall] = createMutation(EndCall);
  const end = async () => props.onProblem(mutationProblem(await endCall({ id: props.call.id })));
  return (
    <tr data-call-id={props.call.id}>
      <td>
        <A href={`/calls/${props.call.id}`} data-testid="call-link" title="Open the call">
          {formatDateTime(props.call.createdAt)}
        </A>
      </td>
      <td>{props.call.business.name}</td>
      <td>{props.call.direction.toLowerCase()}</td>
      <td>{props.call.fromNumber}</td>
      <td>{props.call.toNumber}</td>
      <td>
        <StatusBadge status={props.call.status} />
      </td>
      <td data-testid="call-duration">{formatDuration(props.call.durationSeconds)}</td>
      <td data-testid="call-outcome">{props.call.outcome ?? '–'}</td>
      <td data-testid="call-qa">{props.call.qa?.effectiveScore.toFixed(2) ?? '–'}</td>
      <td data-testid="call-adversarial">{props.call.adversarialScore?.toFixed(1) ?? '–'}</td>
      <td class="actions">
        <Show when={can(viewer, 'CALLS_END') && isActive(props.call.status)}>
          <button type="button" class="secondary" onClick={end}>
            End
          </button>
        </Show>
        <A href={`/calls/${props.call.id}`}>details</A>
        <a href={props.call.workflowUrl} target="_blank" rel="noreferrer" title="Open the workflow in Temporal">
          workflow
        </a>
      </td>
    </tr>
  );
}
