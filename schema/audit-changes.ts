import type { AuditChanges } from '../db/entities/index.ts';

/** The fields whose values differ between two snapshots, for an audit entry (null when nothing changed). */
export function changesBetween(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): AuditChanges | null {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: AuditChanges = { before: {}, after: {} };
  for (const key of keys) {
    const old = before?.[key] ?? null;
    const now = after?.[key] ?? null;
    if (JSON.stringify(old) === JSON.stringify(now)) continue;
    changes.before[key] = old;
    changes.after[key] = now;
  }
  return Object.keys(changes.after).length ? changes : null;
}

/** How a secret appears in an audit entry or an answer: its last four characters only. */
export const maskedSecret = (lastFour: string | null | undefined): string | null =>
  lastFour ? `••••${lastFour}` : null;
