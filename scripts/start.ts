/**
 * npm start: infrastructure, migrations, demo data, the built console, then worker, gateway and
 * bridge (and, in development, a local mail catcher) with prefixed logs. Ctrl-C stops the app processes; `npm run infra down` stops the rest.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadConfig, loadDotEnv, SIMULATOR_OPENAI_BASE_URL, SIMULATOR_TWILIO_API } from '../lib/config.ts';
import { simulatorTls } from './simulators/tls.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
loadDotEnv(`${root}/.env`);
const config = loadConfig();

function step(title: string, command: string, args: string[]): void {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

step('infrastructure (Temporal, PostgreSQL, Weaviate)', 'bash', ['scripts/infra.sh', 'up']);
step('database migrations', process.execPath, ['db/migrate.ts', 'up']);
step('demo data', process.execPath, ['db/seed.ts']);
step('console build', process.execPath, [
  'node_modules/vite/bin/vite.js',
  'build',
  '--config',
  'web/vite.config.ts',
  '--logLevel',
  'warn',
]);

const colors = { worker: 35, gateway: 36, bridge: 33, mail: 32, sim: 34 } as const;
const children: ChildProcess[] = [];
let stopping = false;

/** In development, password-reset mail goes to a local catcher that prints it, unless a server already listens. */
async function needsMailCatcher(): Promise<string[] | undefined> {
  const smtp = new URL(config.mail.smtpUrl);
  if (config.env === 'production' || !['127.0.0.1', 'localhost'].includes(smtp.hostname)) return undefined;
  return (await listening(smtp)) ? undefined : [String(Number(smtp.port || 25)), '1080'];
}

function listening(url: URL): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname, () => resolve(socket.end() && true)).on('error', () =>
      resolve(false),
    );
  });
}

/** Without Twilio credentials, calls go to the simulators, unless they already run. */
async function needsSimulators(): Promise<boolean> {
  if (config.twilio.apiBaseUrl !== SIMULATOR_TWILIO_API) return false;
  return !(await listening(new URL(SIMULATOR_TWILIO_API)));
}

/** The processes trust the Realtime simulator's self-signed certificate when they talk to it; nothing else in them knows it is one. */
const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  ...(config.openai.baseUrl === SIMULATOR_OPENAI_BASE_URL && !config.openai.caFile
    ? { OPENAI_CA_FILE: simulatorTls().certPath }
    : {}),
};

const mailArgs = await needsMailCatcher();
const simulators = await needsSimulators();
const processes: [keyof typeof colors, string, string[]][] = [
  ['worker', 'worker.ts', []],
  ['gateway', 'gateway/server.ts', []],
  ['bridge', 'bridge/server.ts', []],
  ...(mailArgs ? [['mail', 'scripts/mail-catcher.ts', mailArgs] as [keyof typeof colors, string, string[]]] : []),
  ...(simulators ? [['sim', 'scripts/simulators/main.ts', []] as [keyof typeof colors, string, string[]]] : []),
];
for (const [name, entry, args] of processes) {
  const child = spawn(process.execPath, [entry, ...args], {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `\x1b[${colors[name]}m${name.padEnd(7)}\x1b[0m │ `;
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${prefix}${line}\n`));
  }
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`✖ ${name} exited (${code ?? signal}); stopping the others`);
    shutdown(1);
  });
  children.push(child);
}

function shutdown(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  Promise.all(
    children.map((c) => new Promise((done) => (c.exitCode !== null ? done(null) : c.once('exit', done)))),
  ).then(() => {
    console.log('\nApp processes stopped. Infrastructure keeps running; stop it with `npm run infra down`.');
    process.exit(code);
  });
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

const gatewayUrl = `http://${config.gateway.host}:${config.gateway.port}`;
const deadline = Date.now() + 60_000;
while (Date.now() < deadline && !stopping) {
  const healthy = await fetch(`${gatewayUrl}/healthz`).then(
    (r) => r.ok,
    () => false,
  );
  if (healthy) {
    console.log(`
  Console        ${config.gateway.publicUrl}
  GraphQL        ${config.gateway.publicUrl}/graphql   (GraphiQL in the browser, graphql-ws on the same URL)
  Temporal UI    ${config.temporal.uiUrl}
  Media streams  ${config.bridge.publicUrl}/media-stream
  Telephony      ${config.twilio.apiBaseUrl === SIMULATOR_TWILIO_API ? `simulator at ${config.twilio.apiBaseUrl} (call +1555010000N for persona N; see README)` : 'Twilio'}
  Health         ${config.gateway.publicUrl}/healthz${mailArgs ? `\n  Mail catcher   smtp://127.0.0.1:${mailArgs[0]} (mails are printed above with the 'mail' prefix)` : ''}

  Ctrl-C stops the app; \`npm run infra down\` stops Temporal, PostgreSQL and Weaviate.
`);
    break;
  }
  await new Promise((r) => setTimeout(r, 500));
}
if (Date.now() >= deadline) {
  console.error(`✖ the gateway did not report healthy at ${gatewayUrl}/healthz within 60 s`);
  shutdown(1);
}
