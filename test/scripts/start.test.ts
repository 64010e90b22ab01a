import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testEnv } from '../support/env.ts';
import { freePort } from '../support/ports.ts';
import { eventually } from '../support/wait.ts';

/**
 * `npm start` keeps the platform up: a process that dies is started again while the others keep
 * running, so the calls they hold survive as the README says.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
let start: ChildProcess;
let output = '';
let gatewayUrl: string;

const pidOf = (name: string): number | undefined => {
  const matches = [...output.matchAll(new RegExp(`${name} \\(pid (\\d+)\\)`, 'g'))];
  const last = matches.at(-1);
  return last ? Number(last[1]) : undefined;
};
const healthy = () =>
  fetch(`${gatewayUrl}/healthz`).then(
    (r) => r.ok,
    () => false,
  );

beforeAll(async () => {
  const [gatewayPort, bridgePort, smtpPort] = await Promise.all([freePort(), freePort(), freePort()]);
  gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const env = testEnv({
    GATEWAY_PORT: String(gatewayPort),
    BRIDGE_PORT: String(bridgePort),
    BRIDGE_PUBLIC_URL: `ws://127.0.0.1:${bridgePort}`,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
  });
  start = spawn(process.execPath, ['scripts/start.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [start.stdout, start.stderr]) stream?.on('data', (chunk: Buffer) => (output += chunk));
  await eventually(async () => ((await healthy()) ? true : undefined), 150_000, `npm start to come up:\n${output}`);
}, 180_000);

afterAll(async () => {
  if (start && start.exitCode === null) {
    const exited = new Promise((resolve) => start.once('exit', resolve));
    start.kill('SIGTERM');
    await exited;
  }
});

describe('npm start', () => {
  it('restarts a process killed with SIGKILL while the others keep running', async () => {
    const worker = pidOf('worker');
    const gateway = pidOf('gateway');
    const bridge = pidOf('bridge');
    expect(worker && gateway && bridge).toBeTruthy();
    process.kill(worker!, 'SIGKILL');
    await eventually(async () => (pidOf('worker') !== worker ? true : undefined), 30_000, 'the worker to be restarted');
    expect(output).toMatch(/worker exited \(SIGKILL\); restarting it/);
    // The others were never stopped: same pids, and the gateway answered throughout.
    expect(pidOf('gateway')).toBe(gateway);
    expect(pidOf('bridge')).toBe(bridge);
    expect(await healthy()).toBe(true);
    expect(() => process.kill(gateway!, 0)).not.toThrow();
    expect(() => process.kill(pidOf('worker')!, 0)).not.toThrow();
  });

  it('stops every process on Ctrl-C', async () => {
    const pids = ['worker', 'gateway', 'bridge'].map((name) => pidOf(name)!);
    const exited = new Promise<number | null>((resolve) => start.once('exit', (code) => resolve(code)));
    start.kill('SIGINT');
    expect(await exited).toBe(0);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  });
});
