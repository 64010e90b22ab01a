import { CALL_STATUSES, type CallRow } from '../../calls.ts';
import type { CallFilter, CallOrder, CallStatus } from '../../gql/graphql.ts';

export const SORTS: (CallOrder & { label: string })[] = [
  { field: 'CREATED_AT', direction: 'DESC', label: 'Newest first' },
  { field: 'CREATED_AT', direction: 'ASC', label: 'Oldest first' },
  { field: 'STATUS_CHANGED_AT', direction: 'DESC', label: 'Latest status change first' },
  { field: 'STATUS_CHANGED_AT', direction: 'ASC', label: 'Earliest status change first' },
  { field: 'DURATION', direction: 'DESC', label: 'Longest first' },
  { field: 'DURATION', direction: 'ASC', label: 'Shortest first' },
  { field: 'ADVERSARIAL_SCORE', direction: 'DESC', label: 'Most adversarial first' },
];
export const DEFAULT_SORT = SORTS[0]!;

/** The filter and sort of the call history, as kept in the address so a view can be shared. */
export interface HistoryParams {
  status?: string;
  direction?: string;
  business?: string;
  from?: string;
  to?: string;
  phone?: string;
  q?: string;
  /** Outcomes, comma-separated. */
  outcome?: string;
  minScore?: string;
  /** Final QA score at least this (0–1). */
  minQa?: string;
  sort?: string;
  order?: string;
}

export const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

/** Midnight at the start of a yyyy-mm-dd day (in the browser's time zone), `days` later. */
function dayStart(date: string, days = 0): string | undefined {
  const start = new Date(`${date}T00:00:00`);
  if (Number.isNaN(start.getTime())) return undefined;
  start.setDate(start.getDate() + days);
  return start.toISOString();
}

export interface HistoryView {
  filter: CallFilter;
  orderBy: CallOrder;
}

export function viewOf(params: Partial<Record<keyof HistoryParams, string | string[]>>): HistoryView {
  const status = first(params.status)
    .split(',')
    .filter((s): s is CallStatus => (CALL_STATUSES as readonly string[]).includes(s));
  const direction = first(params.direction);
  const from = first(params.from);
  const to = first(params.to);
  const outcome = first(params.outcome)
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const minScore = Number.parseFloat(first(params.minScore));
  const minQa = Number.parseFloat(first(params.minQa));
  const filter: CallFilter = {
    ...(status.length && { status }),
    ...((direction === 'INBOUND' || direction === 'OUTBOUND') && { direction }),
    ...(first(params.business) && { businessId: first(params.business) }),
    ...(from && { createdAfter: dayStart(from) }),
    ...(to && { createdBefore: dayStart(to, 1) }),
    ...(first(params.phone).trim() && { phoneNumber: first(params.phone).trim() }),
    ...(first(params.q).trim() && { text: first(params.q).trim() }),
    ...(outcome.length && { outcome }),
    ...(minScore >= 0 && minScore <= 10 && { minAdversarialScore: minScore }),
    ...(minQa >= 0 && minQa <= 1 && { minQaScore: minQa }),
  };
  const sort = SORTS.find((s) => s.field === first(params.sort) && s.direction === first(params.order)) ?? DEFAULT_SORT;
  return { filter, orderBy: { field: sort.field, direction: sort.direction } };
}

/** Whether a call belongs in the view, as far as the browser can tell (not for text searches). */
export function matches(call: CallRow, filter: CallFilter): boolean {
  return (
    (!filter.status || filter.status.includes(call.status)) &&
    (!filter.direction || filter.direction === call.direction) &&
    (!filter.businessId || filter.businessId === call.business.id) &&
    (!filter.createdAfter || call.createdAt >= filter.createdAfter) &&
    (!filter.createdBefore || call.createdAt < filter.createdBefore) &&
    (!filter.phoneNumber || filter.phoneNumber === call.fromNumber || filter.phoneNumber === call.toNumber) &&
    (!filter.outcome || (call.outcome !== null && filter.outcome.includes(call.outcome))) &&
    (typeof filter.minAdversarialScore !== 'number' ||
      (call.adversarialScore !== null && call.adversarialScore >= filter.minAdversarialScore)) &&
    (typeof filter.minQaScore !== 'number' ||
      (typeof call.qa?.effectiveScore === 'number' && call.qa.effectiveScore >= filter.minQaScore))
  );
}

/** Orders two calls as the server does, for the orders the browser can reproduce. */
export function comparatorOf(order: CallOrder): ((a: CallRow, b: CallRow) => number) | undefined {
  const key = { CREATED_AT: (c: CallRow) => c.createdAt, STATUS_CHANGED_AT: (c: CallRow) => c.statusChangedAt }[
    order.field as 'CREATED_AT' | 'STATUS_CHANGED_AT'
  ];
  if (!key) return undefined;
  const sign = order.direction === 'ASC' ? 1 : -1;
  return (a, b) => sign * (key(a).localeCompare(key(b)) || a.id.localeCompare(b.id));
}
