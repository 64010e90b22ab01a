/**
 * npm run db:migrate                 apply pending migrations
 * npm run db:migration:create [name] write a migration for the entity changes since the last one
 */
import { loadConfig, loadDotEnv } from '../lib/config.ts';
import { openOrm } from './orm.ts';

loadDotEnv();
const config = loadConfig();
const [command = 'up', name] = process.argv.slice(2);
const orm = await openOrm(config.database.url, 2);
try {
  if (command === 'up') {
    const applied = await orm.migrator.up();
    console.log(applied.length ? `applied: ${applied.map((m) => m.name).join(', ')}` : 'database is up to date');
  } else if (command === 'create') {
    const result = await orm.migrator.create(undefined, false, false, name);
    console.log(result.fileName ? `wrote ${result.fileName}` : 'no entity changes; nothing written');
  } else {
    console.error(`unknown command ${command}; use up or create`);
    process.exitCode = 2;
  }
} finally {
  await orm.close();
}
