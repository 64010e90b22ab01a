import type { CaughtMail } from '../../scripts/mail-catcher.ts';
import { type RunningProcess, startProcess } from './processes.ts';

export interface MailServer {
  smtpUrl: string;
  port: number;
  process: RunningProcess;
  /** Waits for a mail to `to` and returns it. */
  waitForMail(to: string, timeoutMs?: number): Promise<CaughtMail>;
  stop(): Promise<void>;
}

/** A real SMTP server process (scripts/mail-catcher.ts) on free ports; with `users` it requires one of them to sign in. */
export async function startMailServer(options: { users?: Record<string, string> } = {}): Promise<MailServer> {
  const users = Object.entries(options.users ?? {})
    .map(([user, password]) => `${user}:${password}`)
    .join(',');
  const child = startProcess('scripts/mail-catcher.ts', users ? { MAIL_CATCHER_USERS: users } : {}, ['0', '0']);
  const ready = await child.waitForLog('mail catcher listening');
  const api = `http://127.0.0.1:${ready.httpPort}/messages`;
  return {
    smtpUrl: `smtp://127.0.0.1:${ready.smtpPort}`,
    port: Number(ready.smtpPort),
    process: child,
    async waitForMail(to, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const messages = (await (await fetch(api)).json()) as CaughtMail[];
        const found = messages.filter((m) => m.to.includes(to)).at(-1);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
    },
    stop: async () => {
      await child.stop();
    },
  };
}
