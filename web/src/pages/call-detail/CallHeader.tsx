import type { ResultOf } from '@graphql-typed-document-node/core';
import { isActive } from '../../calls.ts';
import { useNow } from '../../clock.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatDateTime, formatDuration, secondsSince } from '../../format.ts';
import { graphql } from '../../gql/gql.ts';

const CallDetailFields = graphql(`
  fragment CallDetailFields on Call {
    ...CallFields endedAt endReason workflowId disclosureSpokenAt callerObjectedAt callerObjection
  }
`);
export type CallDetails = ResultOf<typeof CallDetailFields>;

const OBJECTIONS = { RECORDING: 'to recording,', CALLS: 'to being called again,' } as const;

/** Who called whom, the call's status and its facts: business, direction, duration (live), times, workflow. */
export function CallHeader(props: { call: CallDetails }) {
  const now = useNow();
  const duration = () => {
    const call = props.call;
    if (call.durationSeconds !== null) return formatDuration(call.durationSeconds);
    return call.answeredAt && isActive(call.status) ? formatDuration(secondsSince(call.answeredAt, now())) : '–';
  };
  return (
    <header class="call-header">
      <h1>
        <span data-testid="call-numbers">
          {props.call.fromNumber} → {props.call.toNumber}
        </span>{' '}
        <StatusBadge status={props.call.status} />
      </h1>
      <dl class="card facts" data-testid="call-facts">
        <div>
          <dt>Business</dt>
          <dd data-testid="call-business">{props.call.business.name}</dd>
        </div>
        <div>
          <dt>Direction</dt>
          <dd data-testid="call-direction">{props.call.direction.toLowerCase()}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd data-testid="call-duration">{duration()}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{formatDateTime(props.call.createdAt)}</dd>
        </div>
        <div>
          <dt>Answered</dt>
          <dd data-testid="call-answered">{formatDateTime(props.call.answeredAt)}</dd>
        </div>
        <div>
          <dt>Ended</dt>
          <dd data-testid="call-ended">{formatDateTime(props.call.endedAt)}</dd>
        </div>
        <div>
          <dt>End reason</dt>
          <dd data-testid="call-end-reason">{props.call.endReason ?? '–'}</dd>
        </div>
        <div>
          <dt>Disclosure</dt>
          <dd data-testid="call-disclosure">
            {props.call.disclosureSpokenAt ? `spoken ${formatDateTime(props.call.disclosureSpokenAt)}` : 'not spoken'}
          </dd>
        </div>
        <div>
          <dt>Caller objected</dt>
          <dd data-testid="call-objection">
            {props.call.callerObjectedAt
              ? `${OBJECTIONS[props.call.callerObjection ?? 'RECORDING']} ${formatDateTime(props.call.callerObjectedAt)}`
              : 'no'}
          </dd>
        </div>
        <div>
          <dt>Workflow</dt>
          <dd>
            <a
              href={props.call.workflowUrl}
              target="_blank"
              rel="noreferrer"
              data-testid="workflow-link"
              title="Open the workflow in Temporal"
            >
              {props.call.workflowId}
            </a>
          </dd>
        </div>
      </dl>
    </header>
  );
}
