import { randomUUID } from 'node:crypto';
import { type Config, loadConfig } from '../../lib/config.ts';

export const TEST_TWILIO_AUTH_TOKEN = 'simulator-test-token';

const TEST_DATABASE_BASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://callplatform:callplatform@127.0.0.1:5432/callplatform_test';

/**
 * The database of one jest worker: the first uses the test database, the others one each beside it,
 * so files running at once never see each other's rows (a worker's webhook dispatcher and reindex
 * check look at the whole database).
 */
export const testDatabaseUrl = (worker: string | undefined = process.env.JEST_WORKER_ID): string =>
  worker && worker !== '1' ? `${TEST_DATABASE_BASE_URL}_w${worker}` : TEST_DATABASE_BASE_URL;

export const TEST_DATABASE_URL = testDatabaseUrl();

/** Environment for a process under test: the test database, a task queue of its own, quick calls. */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATABASE_URL: TEST_DATABASE_URL,
    TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`,
    GATEWAY_PORT: '0',
    BRIDGE_PORT: '0',
    // Workers run side by side in tests: none serves metrics unless its test gives it a free port.
    WORKER_METRICS_PORT: '0',
    WORKER_TEMPORAL_METRICS_PORT: '0',
    TWILIO_AUTH_TOKEN: TEST_TWILIO_AUTH_TOKEN,
    // No bridge answers here unless a test starts one: an answered call ends when its stream fails,
    // after a short recovery budget (tests of bridges dying set a realistic one).
    BRIDGE_PUBLIC_URL: 'ws://127.0.0.1:9',
    CALL_STREAM_RECOVERY_SECONDS: '4',
    // Every test signs in from 127.0.0.1; the limits have tests of their own (abuse.test.ts).
    RATE_LIMIT_PER_MINUTE: '100000',
    LOGIN_ATTEMPTS_PER_15_MINUTES: '100000',
    LOGIN_ATTEMPTS_PER_IP_PER_15_MINUTES: '100000',
    AUTH_FAILURES_PER_IP_PER_15_MINUTES: '100000',
    ...overrides,
  };
}

export function testConfig(env: Record<string, string>): Config {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')));
  return loadConfig({ ...base, ...env });
}
