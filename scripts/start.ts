/**
 * npm start: infrastructure, migrations, demo data, the built console, then worker, gateway and
 * bridge (and, in development, a local mail catcher and the simulators) with prefixed logs. A process
 * that dies is started again after a backoff while the others keep running. Ctrl-C stops the app
 * processes; `npm run infra down` stops the rest.
 */
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { loadConfig, loadDotEnv, SIMULATOR_OPENAI_BASE_URL, SIMULATOR_TWILIO_API } from '../lib/config.ts';
import { simulatorTls } from './simulators/tls.ts';
import { type ChildSpec, Supervisor } from './supervise.ts';

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
const supervisor = new Supervisor({ cwd: root, env: childEnv, write: (line) => process.stdout.write(`${line}\n`) });
const children: ChildSpec[] = [
  { name: 'worker', color: colors.worker, entry: 'worker.ts' },
  { name: 'gateway', color: colors.gateway, entry: 'gateway/server.ts' },
  { name: 'bridge', color: colors.bridge, entry: 'bridge/server.ts' },
  ...(mailArgs ? [{ name: 'mail', color: colors.mail, entry: 'scripts/mail-catcher.ts', args: mailArgs }] : []),
  ...(simulators ? [{ name: 'sim', color: colors.sim, entry: 'scripts/simulators/main.ts' }] : []),
];
for (const child of children) supervisor.start(child);
console.log(`  processes: ${children.map((c) => `${c.name} (pid ${supervisor.pid(c.name)})`).join(', ')}`);

let stopping = false;
function shutdown(code: number): void {
  if (stopping) return;
  stopping = true;
  void supervisor.stop().then(() => {
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
