import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { openOrm } from '../db/orm.ts';
import { TEST_DATABASE_URL } from './support/env.ts';

const scratchName = `callplatform_migrate_${randomBytes(4).toString('hex')}`;
const scratchUrl = TEST_DATABASE_URL.replace(/\/[^/]+$/, `/${scratchName}`);

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe('database migrations', () => {
  afterAll(() => admin((c) => c.query(`drop database if exists "${scratchName}" with (force)`)));

  it('apply to an empty database and leave nothing for the entities to change', async () => {
    await admin((c) => c.query(`create database "${scratchName}"`));
    const orm = await openOrm(scratchUrl, 2);
    try {
      const applied = await orm.migrator.up();
      expect(applied.length).toBeGreaterThan(0);
      const tables = await orm.em
        .fork()
        .execute<{ table_name: string }[]>(
          "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
        );
      expect(tables.map((t) => t.table_name)).toEqual(
        expect.arrayContaining(['app_user', 'business_config', 'call', 'call_interaction', 'call_note', 'event_log']),
      );
      // The committed migrations and the entity definitions describe the same schema.
      expect(await orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe('');
      expect(await orm.migrator.getPending()).toEqual([]);
    } finally {
      await orm.close();
    }
  });

  it('create the indexes the call list filters rely on', async () => {
    const indexes = await admin((c) =>
      c.query<{ indexname: string }>(
        "select indexname from pg_indexes where tablename in ('call', 'call_interaction')",
      ),
    );
    expect(indexes.rows.map((r) => r.indexname)).toEqual(
      expect.arrayContaining([
        'call_business_id_created_at_index',
        'call_status_created_at_index',
        'call_direction_created_at_index',
        'call_from_number_index',
        'call_to_number_index',
        'call_interaction_text_search',
      ]),
    );
  });
});
