import { fileURLToPath } from 'node:url';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, PostgreSqlDriver } from '@mikro-orm/postgresql';
import * as allEntities from './entities/index.ts';

export const entities = Object.values(allEntities).filter((value) => typeof value === 'object' && 'meta' in value);
export const migrationsDir = fileURLToPath(new URL('./migrations', import.meta.url));

/** The one ORM configuration every process and script uses; only the URL and pool size vary. */
export function ormConfig(databaseUrl: string, poolMax = 10) {
  return defineConfig({
    driver: PostgreSqlDriver,
    clientUrl: databaseUrl,
    entities,
    extensions: [Migrator],
    pool: { min: 0, max: poolMax },
    migrations: {
      path: migrationsDir,
      glob: '!(*.d).{js,ts}',
      emit: 'ts',
      snapshot: true,
      snapshotName: '.snapshot',
      transactional: true,
      allOrNothing: true,
      silent: true,
    },
    // Database functions (publish_event) are written by hand in migrations, not derived from entities.
    schemaGenerator: { ignoreRoutines: true },
    debug: false,
  });
}
