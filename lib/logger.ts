import { type Logger, pino } from 'pino';

export type { Logger };

/** Field names whose values are secrets wherever they sit in a log line (up to three levels deep). */
const SECRET_FIELDS = ['password', 'authToken', 'apiKey', 'token', 'authorization', 'secret', 'sealedSecret', 'pass'];
const REDACTED_PATHS = [
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
  'req.headers.authorization',
  'headers.authorization',
  '*.headers.authorization',
];

/** Structured JSON logs, one line each; secrets never leave through them. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    level,
    base: { service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: REDACTED_PATHS,
      censor: '***',
    },
  });
}
