import { statusLabel } from '../format.ts';

/** A call's status as a coloured badge. */
export function StatusBadge(props: { status: string; testId?: string }) {
  return (
    <span class={`status status-${props.status.toLowerCase()}`} data-testid={props.testId ?? 'call-status'}>
      {statusLabel(props.status)}
    </span>
  );
}
