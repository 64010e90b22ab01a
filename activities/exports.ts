/**
 * Writing exports: CSV files streamed from a database cursor through a CSV writer into 1 MiB
 * chunks (memory stays bounded whatever the size), or the analytics report as a PDF; progress on
 * the export's row as it goes. A retried attempt starts the file again.
 */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { stringify } from 'csv-stringify';
import { resolveScope } from '../db/analytics.ts';
import { DataExport, type ExportParameters } from '../db/entities/index.ts';
import { appendChunk, csvQuery } from '../db/exports.ts';
import type { Orm } from '../db/orm.ts';
import { renderAnalyticsReport } from './report.ts';

export interface ExportActivityDeps {
  orm: Orm;
}

const CHUNK_BYTES = 1024 * 1024;
const PROGRESS_EVERY_MS = 500;

/** Collects bytes into chunks of CHUNK_BYTES and stores each in order before taking more. */
export class ChunkStore extends Writable {
  readonly #store: (sequence: number, data: Buffer) => Promise<void>;
  #parts: Buffer[] = [];
  #size = 0;
  #sequence = 0;
  bytes = 0;

  constructor(store: (sequence: number, data: Buffer) => Promise<void>) {
    super();
    this.#store = store;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.#parts.push(chunk);
    this.#size += chunk.length;
    this.bytes += chunk.length;
    if (this.#size < CHUNK_BYTES) done();
    else this.#flush().then(() => done(), done);
  }

  override _final(done: (error?: Error | null) => void): void {
    this.#flush().then(() => done(), done);
  }

  async #flush(): Promise<void> {
    if (!this.#size) return;
    const data = Buffer.concat(this.#parts);
    this.#parts = [];
    this.#size = 0;
    await this.#store(this.#sequence++, data);
  }
}

/** A CSV cell as spreadsheets should see it: instants in ISO 8601, the rest as they are. */
const cast = { date: (value: Date) => value.toISOString(), boolean: (value: boolean) => (value ? 'true' : 'false') };

export function createExportActivities({ orm }: ExportActivityDeps) {
  return {
    async writeExport({ exportId }: { exportId: string }): Promise<{ rows: number }> {
      const em = orm.em.fork();
      const record = await em.findOneOrFail(DataExport, exportId, { populate: ['organization'] });
      const { parameters, kind } = record;
      if (!parameters || kind === 'person_data') {
        throw ApplicationFailure.nonRetryable('a person archive is written by its own workflow');
      }
      const scope = await resolveScope(em, record.organization.id, parameters, {
        businessId: parameters.businessId,
        campaignId: parameters.campaignId ?? null,
        direction: parameters.direction as never,
        statuses: parameters.statuses as never,
      });
      await em.execute('delete from export_chunk where export_id = ?', [exportId]);
      const progress = async (rowsDone: number, rowsTotal: number | null) => {
        await em.execute('update data_export set rows_done = ?, rows_total = ? where id = ?', [
          rowsDone,
          rowsTotal,
          exportId,
        ]);
        Context.current().heartbeat(rowsDone);
      };
      const store = new ChunkStore((sequence, data) => appendChunk(em.fork(), exportId, sequence, data));
      let rows: number;
      if (kind === 'report') {
        await progress(0, 1);
        const pdf = await renderAnalyticsReport(em, scope, {
          organization: record.organization.name,
          range: `${parameters.from} – ${parameters.to}`,
          filter: describeFilter(parameters),
        });
        await pipeline(Readable.from([pdf]), store);
        rows = 1;
      } else {
        const query = csvQuery(kind, scope);
        const [counted] = await em.execute<{ count: string }[]>(query.countSql, query.params);
        const total = Number(counted?.count ?? 0);
        await progress(0, total);
        rows = 0;
        let reported = Date.now();
        const cursor = em
          .getConnection()
          .stream<Record<string, unknown>>(query.sql, query.params, undefined, undefined, 500);
        async function* counted_rows() {
          for await (const row of cursor) {
            rows += 1;
            if (Date.now() - reported >= PROGRESS_EVERY_MS) {
              reported = Date.now();
              await progress(rows, total);
            }
            yield row;
          }
        }
        await pipeline(
          Readable.from(counted_rows()),
          stringify({ header: true, columns: query.columns, escape_formulas: true, cast }),
          store,
        );
      }
      await em.execute(
        `update data_export set status = 'completed', rows_done = ?, rows_total = ?, bytes = ?, completed_at = now()
         where id = ?`,
        [rows, rows, store.bytes, exportId],
      );
      return { rows };
    },

    async failExport({ exportId, error }: { exportId: string; error: string }): Promise<void> {
      const em = orm.em.fork();
      await em.execute('delete from export_chunk where export_id = ?', [exportId]);
      await em.execute(`update data_export set status = 'failed', error = ? where id = ?`, [
        error.slice(0, 2000),
        exportId,
      ]);
    },

    /** The retention is over: the file goes, the record stays (as expired). */
    async expireExport({ exportId }: { exportId: string }): Promise<void> {
      const em = orm.em.fork();
      await em.execute('delete from export_chunk where export_id = ?', [exportId]);
      await em.execute(`update data_export set status = 'expired' where id = ? and status = 'completed'`, [exportId]);
    },
  };
}

function describeFilter(parameters: ExportParameters): string {
  const parts = [
    parameters.businessId ? `business ${parameters.businessId}` : 'all businesses',
    ...(parameters.campaignId ? [`campaign ${parameters.campaignId}`] : []),
    parameters.direction ? `${parameters.direction} calls` : 'both directions',
    parameters.statuses.length ? `status ${parameters.statuses.join(', ')}` : 'any status',
  ];
  return parts.join(' · ');
}
