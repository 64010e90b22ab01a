/**
 * Keeps a set of child processes running: each gets a coloured prefix on its output, and one that
 * exits on its own is started again after a backoff (1 s, doubling to 30 s, back to 1 s once it
 * has stayed up a minute) while the others keep running. `stop` ends them all.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ChildSpec {
  name: string;
  /** ANSI colour number for the prefix. */
  color: number;
  entry: string;
  args?: string[];
}

export interface SupervisorOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  write: (line: string) => void;
  firstBackoffMs?: number;
  maxBackoffMs?: number;
  /** A child that ran this long is healthy again: its next restart waits `firstBackoffMs`. */
  stableAfterMs?: number;
}

interface Running {
  spec: ChildSpec;
  child: ChildProcess;
  startedAt: number;
  backoffMs: number;
  restartTimer?: NodeJS.Timeout;
}

export class Supervisor {
  readonly #options: Required<SupervisorOptions>;
  readonly #running = new Map<string, Running>();
  #stopping = false;

  constructor(options: SupervisorOptions) {
    this.#options = { firstBackoffMs: 1_000, maxBackoffMs: 30_000, stableAfterMs: 60_000, ...options };
  }

  start(spec: ChildSpec): void {
    this.#launch(spec, this.#options.firstBackoffMs);
  }

  /** The pid of a child right now (it changes when the child is restarted). */
  pid(name: string): number | undefined {
    return this.#running.get(name)?.child.pid;
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    const all = [...this.#running.values()];
    for (const running of all) clearTimeout(running.restartTimer);
    await Promise.all(
      all.map(
        ({ child }) =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done(null);
            child.once('exit', done);
            child.kill('SIGTERM');
          }),
      ),
    );
  }

  #launch(spec: ChildSpec, backoffMs: number): void {
    const { cwd, env, write } = this.#options;
    const child = spawn(process.execPath, [spec.entry, ...(spec.args ?? [])], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const prefix = `\x1b[${spec.color}m${spec.name.padEnd(7)}\x1b[0m │ `;
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => write(`${prefix}${line}`));
    }
    const running: Running = { spec, child, startedAt: Date.now(), backoffMs };
    this.#running.set(spec.name, running);
    child.on('exit', (code, signal) => this.#exited(running, code, signal));
  }

  #exited(running: Running, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.#stopping) return;
    const { firstBackoffMs, maxBackoffMs, stableAfterMs, write } = this.#options;
    const stable = Date.now() - running.startedAt >= stableAfterMs;
    const waitMs = stable ? firstBackoffMs : running.backoffMs;
    write(`✖ ${running.spec.name} exited (${code ?? signal}); restarting it in ${waitMs} ms, the others keep running`);
    running.restartTimer = setTimeout(() => {
      if (this.#stopping) return;
      this.#launch(running.spec, Math.min(waitMs * 2, maxBackoffMs));
      write(`▶ ${running.spec.name} (pid ${this.pid(running.spec.name)}) restarted`);
    }, waitMs);
  }
}
