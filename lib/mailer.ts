import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from './config.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** Connects and signs in to the SMTP server without sending anything (a connection test). */
  verify(): Promise<void>;
  close(): void;
}

/** An SMTP server an organisation sends its notifications through, instead of the platform's. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  username: string | null;
  password: string | null;
  from: string;
}

/** Gives up on an unreachable server soon, so a connection test or a notification does not hang. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

function mailerOf(transport: Transporter, from: string): Mailer {
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
    async verify() {
      await transport.verify();
    },
    close: () => transport.close(),
  };
}

/** Sends mail through the platform's SMTP server (SMTP_URL; a real one in tests too). */
export function createMailer(config: Config['mail']): Mailer {
  return mailerOf(nodemailer.createTransport({ url: config.smtpUrl, ...TIMEOUTS }), config.from);
}

/** Sends mail through an organisation's own SMTP server. */
export function createSmtpMailer(settings: SmtpSettings): Mailer {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.username && { auth: { user: settings.username, pass: settings.password ?? '' } }),
    ...TIMEOUTS,
  });
  return mailerOf(transport, settings.from);
}
