import { statusLabel } from '../format.ts';

/** A status (of a call, a knowledge entry, a doc sync run) as a coloured badge. */
export function StatusBadge(props: { status: string; testId?: string }) {
  return (
    <span class={`status status-${props.status.toLowerCase()}`} data-testid={props.testId ?? 'call-status'}>
      {statusLabel(props.status)}
    </span>
  );
}
