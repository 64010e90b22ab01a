import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { Orm } from '../../db/orm.ts';
import { temporalDataConverter } from '../../db/workflow-owners.ts';
import type { Config } from '../../lib/config.ts';
import { Encryption } from '../../lib/encryption.ts';
import { createLogger } from '../../lib/logger.ts';
import { installTemporalRuntime } from '../../lib/temporal.ts';
import { testConfig, testEnv } from './env.ts';

/** Keeps the SDK's info chatter out of test output; a runtime left installed by another file is fine. */
export function quietTemporalRuntime(): void {
  try {
    installTemporalRuntime(createLogger('temporal-test', 'warn'));
  } catch {
    // already installed in this process
  }
}

/** The platform's payload codec under the test keys, for a test's own Temporal client or worker. */
export function testDataConverter(orm: Orm) {
  return temporalDataConverter(orm, new Encryption(testConfig(testEnv()).encryption.keys));
}

const home = homedir();
/** The Temporal CLI scripts/infra.sh runs the dev server with: on PATH, else the one it built. */
export function temporalCli(): string {
  const cache = process.env.CALLPLATFORM_CACHE_DIR ?? join(home, '.cache/callplatform');
  const onPath = (process.env.PATH ?? '')
    .split(':')
    .map((dir) => join(dir, 'temporal'))
    .find((file) => existsSync(file));
  const built = existsSync(cache)
    ? readdirSync(cache)
        .filter((dir) => dir.startsWith('temporal-'))
        .sort()
        .at(-1)
    : undefined;
  const cli = onPath ?? (built && join(cache, built, 'temporal'));
  if (!cli) throw new Error('no Temporal CLI: run scripts/infra.sh up');
  return cli;
}

/** The dev server's SQLite store (scripts/infra.sh --db-filename). */
export const temporalStoreFile = (): string =>
  join(process.env.CALLPLATFORM_STATE_DIR ?? join(home, '.local/state/callplatform'), 'temporal/temporal.db');

/** A worker of the test's own in this process: some workflows and their activities, on the configured queue. */
export interface InProcessWorker {
  stop(): Promise<void>;
}

export async function startInProcessWorker(
  config: Config,
  orm: Orm,
  workflowsPath: string,
  activities: object,
): Promise<InProcessWorker> {
  quietTemporalRuntime();
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    dataConverter: testDataConverter(orm),
    workflowsPath,
    activities,
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
