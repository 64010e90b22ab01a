import type { CaughtMail } from '../../scripts/mail-catcher.ts';
import { type RunningProcess, startProcess } from './processes.ts';

export interface MailServer {
  smtpUrl: string;
  process: RunningProcess;
  /** Waits for a mail to `to` and returns it. */
  waitForMail(to: string, timeoutMs?: number): Promise<CaughtMail>;
  stop(): Promise<void>;
}

/** A real SMTP server process (scripts/mail-catcher.ts) on free ports. */
export async function startMailServer(): Promise<MailServer> {
  const child = startProcess('scripts/mail-catcher.ts', {}, ['0', '0']);
  const ready = await child.waitForLog('mail catcher listening');
  const api = `http://127.0.0.1:${ready.httpPort}/messages`;
  return {
    smtpUrl: `smtp://127.0.0.1:${ready.smtpPort}`,
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
