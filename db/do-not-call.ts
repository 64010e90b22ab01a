import type { EntityManager } from '@mikro-orm/postgresql';
import { DoNotCall, type DoNotCallSource } from './entities/index.ts';

export interface NewDoNotCall {
  organizationId: string;
  phoneNumber: string;
  reason?: string | null;
  source: DoNotCallSource;
  addedById?: string | null;
  addedByLabel?: string | null;
  callId?: string | null;
}

/**
 * Puts a number on the organisation's do-not-call list, in the caller's transaction; a number
 * already there keeps its first entry. Answers the entry.
 */
export async function addToDoNotCall(tx: EntityManager, entry: NewDoNotCall): Promise<DoNotCall> {
  await tx.execute(
    `insert into do_not_call (id, organization_id, phone_number, reason, source, added_by_id, added_by_label, call_id, created_at)
     values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, now()) on conflict (organization_id, phone_number) do nothing`,
    [
      entry.organizationId,
      entry.phoneNumber,
      entry.reason?.slice(0, 500) ?? null,
      entry.source,
      entry.addedById ?? null,
      entry.addedByLabel ?? null,
      entry.callId ?? null,
    ],
  );
  return tx.findOneOrFail(
    DoNotCall,
    { organization: entry.organizationId, phoneNumber: entry.phoneNumber },
    { refresh: true },
  );
}

/**
 * Values as a Postgres array literal, for `= any(?::text[])`: the driver would spread a JS array into
 * a list. Only for values without commas, quotes or braces (numbers, ids, status names).
 */
export const postgresArray = (values: readonly string[]): string => `{${values.join(',')}}`;

/** Which of `numbers` are on the organisation's do-not-call list. */
export async function onDoNotCall(em: EntityManager, organizationId: string, numbers: string[]): Promise<Set<string>> {
  if (!numbers.length) return new Set();
  const rows = await em.execute<{ phone_number: string }[]>(
    'select phone_number from do_not_call where organization_id = ? and phone_number = any(?::text[])',
    [organizationId, postgresArray(numbers)],
  );
  return new Set(rows.map((row) => row.phone_number));
}
