import type { Encryption } from '../lib/encryption.ts';
import { transcriptOriginalPurpose } from './entities/index.ts';
import type { Orm } from './orm.ts';
import { resealInBatches } from './sealed-columns.ts';

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
  type Row = { id: string; call_id: string; organization_id: string; original_text: string };
  const { resealed, failed } = await resealInBatches<Row, { id: string; sealed: string }>(
    orm,
    batchSize,
    {
      sql: `select l.id, l.call_id, c.organization_id, l.original_text
            from call_interaction l join call c on c.id = l.call_id
            where l.original_text is not null and not starts_with(l.original_text, ?)`,
      params: [`v1:${encryption.currentKeyId}:`],
      before: '00000000-0000-0000-0000-000000000000',
      idColumn: 'l.id',
    },
    (row) => {
      const purpose = transcriptOriginalPurpose(row.call_id);
      const text = encryption.open(row.organization_id, purpose, row.original_text);
      return { id: row.id, sealed: encryption.seal(row.organization_id, purpose, text) };
    },
    (tx, updates) =>
      tx.execute(
        `update call_interaction l set original_text = v.sealed
         from jsonb_to_recordset(?::jsonb) as v(id uuid, sealed text) where l.id = v.id`,
        [JSON.stringify(updates)],
      ),
  );
  return { resealed, failed: failed.map(({ id, ...rest }) => ({ lineId: id, ...rest })) };
}
