/**
 * A local SMTP server that keeps what it receives: `npm start` runs it when SMTP_URL points at this
 * machine and nothing listens there, so password-reset mails show up in the log; the tests use it
 * as their real SMTP server and read the mail over HTTP.
 *
 *   node scripts/mail-catcher.ts [smtpPort] [httpPort]   (0 picks a free port; both are logged)
 *   GET /messages → [{ to, from, subject, text, receivedAt }]   DELETE /messages → clears
 *   MAIL_CATCHER_USERS=user:password,… makes it require a sign-in with one of them (and refuse others).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  receivedAt: string;
}

/** Splits a plain-text RFC 5322 message into headers and a decoded body (7bit or quoted-printable). */
export function parseMessage(raw: string): { headers: Record<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = Object.fromEntries(
    head.split('\r\n').map((line) => {
      const at = line.indexOf(':');
      return [line.slice(0, at).toLowerCase(), line.slice(at + 1).trim()];
    }),
  );
  let body = raw.slice(split + 4);
  if (/quoted-printable/i.test(headers['content-transfer-encoding'] ?? '')) {
    body = Buffer.from(
      body
        .replace(/=\r\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
  }
  return { headers, body: body.replace(/\r\n/g, '\n') };
}

const messages: CaughtMail[] = [];
const [smtpPort = '1025', httpPort = '1080'] = process.argv.slice(2);
// Loopback unless told otherwise (docker-compose serves it to the other containers).
const host = process.env.MAIL_CATCHER_HOST ?? '127.0.0.1';

const users = new Map(
  (process.env.MAIL_CATCHER_USERS ?? '')
    .split(',')
    .filter(Boolean)
    .map((entry) => [entry.slice(0, entry.indexOf(':')), entry.slice(entry.indexOf(':') + 1)] as const),
);

const smtp = new SMTPServer({
  authOptional: users.size === 0,
  allowInsecureAuth: true,
  disabledCommands: ['STARTTLS'],
  onAuth(auth, _session, callback) {
    if (users.size && users.get(auth.username ?? '') !== auth.password) {
      callback(new Error('Invalid username or password'));
      return;
    }
    callback(null, { user: auth.username });
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const { headers, body } = parseMessage(Buffer.concat(chunks).toString('latin1'));
      const mail: CaughtMail = {
        to: session.envelope.rcptTo.map((r) => r.address),
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        subject: headers.subject ?? '',
        text: body,
        receivedAt: new Date().toISOString(),
      };
      messages.push(mail);
      process.stdout.write(
        `${JSON.stringify({ msg: 'mail received', to: mail.to, subject: mail.subject, text: mail.text })}\n`,
      );
      callback();
    });
  },
});

const http = createServer((req, res) => {
  if (req.url === '/messages' && req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(messages));
  } else if (req.url === '/messages' && req.method === 'DELETE') {
    messages.splice(0);
    res.writeHead(204).end();
  } else {
    res.writeHead(404).end();
  }
});

smtp.listen(Number(smtpPort), host, () => {
  http.listen(Number(httpPort), host, () => {
    const smtpAddress = smtp.server.address() as AddressInfo;
    const httpAddress = http.address() as AddressInfo;
    process.stdout.write(
      `${JSON.stringify({ msg: 'mail catcher listening', smtpPort: smtpAddress.port, httpPort: httpAddress.port })}\n`,
    );
  });
});

const stop = () => smtp.close(() => http.close(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
