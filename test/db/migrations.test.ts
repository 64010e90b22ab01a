import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { openOrm } from '../../db/orm.ts';
import { TEST_DATABASE_URL } from '../support/env.ts';

const scratchName = `callplatform_migrate_${randomBytes(4).toString('hex')}`;
const scratchUrl = TEST_DATABASE_URL.replace(/\/[^/]+$/, `/${scratchName}`);
const upgradeName = `${scratchName}_upgrade`;
const upgradeUrl = TEST_DATABASE_URL.replace(/\/[^/]+$/, `/${upgradeName}`);

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
  afterAll(() =>
    admin(async (c) => {
      for (const name of [scratchName, upgradeName]) {
        // An autovacuum worker (another role) may still be on a fresh database for a moment.
        for (let attempt = 0; ; attempt++) {
          try {
            await c.query(`drop database if exists "${name}" with (force)`);
            break;
          } catch (error) {
            if (attempt >= 10) throw error;
            await new Promise((resolve) => setTimeout(resolve, 500));
          }
        }
      }
    }),
  );

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
        'call_interaction_search_vector',
      ]),
    );
  });

  it('move data from before organisations existed into a default organisation', async () => {
    await admin((c) => c.query(`create database "${upgradeName}"`));
    const orm = await openOrm(upgradeUrl, 2);
    try {
      const [first] = await orm.migrator.getPending();
      await orm.migrator.up({ to: first!.name });
      const em = orm.em.fork();
      await em.execute(
        `insert into business_config (id, name, system_prompt, created_at, updated_at)
         values ('00000000-0000-4000-8000-000000000001', 'Old business', 'p', now(), now())`,
      );
      await em.execute(
        `insert into call (id, business_id, direction, from_number, to_number, workflow_id, status_changed_at, created_at, updated_at)
         values ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'outbound',
                 '+15005550006', '+14155550100', 'call-x', now(), now(), now())`,
      );
      await orm.migrator.up();
      const rows = await em.execute<{ name: string; business_org: string; call_org: string }[]>(
        `select o.name, b.organization_id as business_org, c.organization_id as call_org
         from call c join business_config b on b.id = c.business_id join organization o on o.id = b.organization_id`,
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]!.name).toBe('Default organization');
      expect(rows[0]!.call_org).toBe(rows[0]!.business_org);
    } finally {
      await orm.close();
    }
  });

  it('give a number several active businesses answered to the oldest, and keep escalation keywords and instructions', async () => {
    const name = `${scratchName}_numbers`;
    const url = TEST_DATABASE_URL.replace(/\/[^/]+$/, `/${name}`);
    await admin((c) => c.query(`create database "${name}"`));
    const orm = await openOrm(url, 2);
    try {
      const pending = await orm.migrator.getPending();
      const before = pending.findIndex((m) => m.name.endsWith('_business_configuration'));
      await orm.migrator.up({ to: pending[before - 1]!.name });
      const em = orm.em.fork();
      await em.execute(
        `insert into organization (id, name, created_at, updated_at) values ('00000000-0000-4000-8000-0000000000a1', 'Org', now(), now())`,
      );
      for (const [id, age, keywords] of [
        ['00000000-0000-4000-8000-0000000000b1', '2 days', "'{}'"],
        ['00000000-0000-4000-8000-0000000000b2', '1 day', "'{boss,human}'"],
      ]) {
        await em.execute(
          `insert into business_config (id, organization_id, name, phone_numbers, system_prompt, escalation_keywords, created_at, updated_at)
           values ('${id}', '00000000-0000-4000-8000-0000000000a1', '${id}', '{+15005550006,+15005550007}', 'Prompt ${id}', ${keywords}, now() - interval '${age}', now())`,
        );
      }
      await orm.migrator.up();
      const rows = await em.execute<
        { id: string; phone_numbers: string[]; keywords: string[] | null; versions: number }[]
      >(
        `select b.id, b.phone_numbers, b.settings->'quality'->'escalationKeywords' as keywords,
           (select count(*)::int from business_instructions_version v where v.business_id = b.id) as versions
         from business_config b order by b.created_at`,
      );
      expect(rows.map((r) => r.phone_numbers)).toEqual([['+15005550006', '+15005550007'], []]);
      expect(rows.map((r) => r.keywords)).toEqual([null, ['boss', 'human']]);
      expect(rows.map((r) => r.versions)).toEqual([1, 1]);
      const claimed = await em.execute<{ number: string }[]>(
        'select number from business_phone_number order by number',
      );
      expect(claimed.map((r) => r.number)).toEqual(['+15005550006', '+15005550007']);
    } finally {
      await orm.close();
      await admin((c) => c.query(`drop database if exists "${name}" with (force)`));
    }
  });
});
