import type { Encryption } from '../lib/encryption.ts';
import { transcriptOriginalPurpose } from './entities/index.ts';
import type { Orm } from './orm.ts';

export interface ResealFailure {
  lineId: string;
  organizationId: string;
  reason: string;
}

/**
 * Re-seals every kept transcript original (`call_interaction.original_text`) not under the current
 * master key, `batchSize` lines per transaction so a large table is never locked whole. A line that
 * cannot be opened with the configured keys is reported and left as it is; run again, only lines
 * sealed under another key are read, so a second run re-seals nothing.
 */
export async function resealTranscriptOriginals(
  orm: Orm,
  encryption: Encryption,
  batchSize = 500,
): Promise<{ resealed: number; failed: ResealFailure[] }> {
  const current = `v1:${encryption.currentKeyId}:`;
  const failed: ResealFailure[] = [];
  let resealed = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await orm.em.fork().transactional(async (tx) => {
      const rows = await tx.execute<{ id: string; call_id: string; organization_id: string; original_text: string }[]>(
        `select l.id, l.call_id, c.organization_id, l.original_text
         from call_interaction l join call c on c.id = l.call_id
         where l.original_text is not null and not starts_with(l.original_text, ?) and l.id > ?
         order by l.id limit ? for update of l`,
        [current, after, batchSize],
      );
      const next: { id: string; sealed: string }[] = [];
      for (const row of rows) {
        const purpose = transcriptOriginalPurpose(row.call_id);
        try {
          const text = encryption.open(row.organization_id, purpose, row.original_text);
          next.push({ id: row.id, sealed: encryption.seal(row.organization_id, purpose, text) });
        } catch (error) {
          failed.push({ lineId: row.id, organizationId: row.organization_id, reason: (error as Error).message });
        }
      }
      if (next.length)
        await tx.execute(
          `update call_interaction l set original_text = v.sealed
           from jsonb_to_recordset(?::jsonb) as v(id uuid, sealed text) where l.id = v.id`,
          [JSON.stringify(next)],
        );
      resealed += next.length;
      return rows;
    });
    if (batch.length < batchSize) break;
    after = (batch.at(-1) as { id: string }).id;
  }
  return { resealed, failed };
}
