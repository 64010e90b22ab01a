/**
 * Brings up the real infrastructure (reused when already running), migrates the test database and
 * builds the console (into a folder of this run's own, exported as WEB_DIST_DIR), once before all tests.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '@jest/types';
import pg from 'pg';
import { TEST_DATABASE_URL, testDatabaseUrl } from '../support/env.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Creates the database at `url` when it is missing, through a connection to `adminUrl`. */
async function ensureDatabase(adminUrl: string, url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

export default async function globalSetup(globalConfig: Config.GlobalConfig): Promise<void> {
  const run = (title: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env) => {
    const started = Date.now();
    execFileSync(command, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
    process.stderr.write(`[setup] ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  };
  process.stderr.write('\n');
  run('infrastructure up', 'bash', ['scripts/infra.sh', 'up']);
  // A database per jest worker (test/support/env.ts), each migrated.
  for (let worker = 1; worker <= Math.max(1, globalConfig.maxWorkers); worker++) {
    const url = testDatabaseUrl(String(worker));
    await ensureDatabase(TEST_DATABASE_URL, url);
    run(`test database ${worker} migrated`, process.execPath, ['db/migrate.ts', 'up'], {
      ...process.env,
      DATABASE_URL: url,
    });
  }
  // A build of this run's own, so two test runs on one machine never serve each other's files;
  // WEB_DIST_DIR pointing at an existing build skips it.
  if (process.env.WEB_DIST_DIR && existsSync(join(process.env.WEB_DIST_DIR, 'index.html'))) return;
  const webDist = mkdtempSync(join(tmpdir(), 'callplatform-web-'));
  run('console built', process.execPath, [
    'node_modules/vite/bin/vite.js',
    'build',
    '--config',
    'web/vite.config.ts',
    '--outDir',
    webDist,
    '--emptyOutDir',
    '--logLevel',
    'error',
  ]);
  process.env.WEB_DIST_DIR = webDist;
}
