import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

/** Field names whose values are secrets wherever they sit in a log line (up to three levels deep). */
const SECRET_FIELDS = ['password', 'authToken', 'apiKey', 'token', 'authorization', 'secret', 'sealedSecret', 'pass'];
const REDACTED_PATHS = [
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
  'req.headers.authorization',
  'headers.authorization',
  '*.headers.authorization',
];
/** Personal data a log line may name by accident: numbers and addresses keep their last four, text none. */
const NUMBER_FIELDS = ['to', 'from', 'phoneNumber', 'toNumber', 'fromNumber', 'email'];
const TEXT_FIELDS = ['text', 'transcript', 'utterance'];
const PERSONAL_PATHS = [...NUMBER_FIELDS, ...TEXT_FIELDS].flatMap((field) => [field, `*.${field}`]);

function censor(value: unknown, path: string[]): unknown {
  const field = path.at(-1) ?? '';
  if (SECRET_FIELDS.includes(field) || field === 'authorization') return '***';
  if (typeof value !== 'string') return value === undefined ? value : '***';
  if (TEXT_FIELDS.includes(field)) return `[${value.length} characters]`;
  return value.length > 4 ? `${'•'.repeat(Math.min(value.length - 4, 8))}${value.slice(-4)}` : '***';
}

/** Structured JSON logs, one line each; secrets and personal data never leave through them. */
export function createLogger(service: string, level = 'info', destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [...REDACTED_PATHS, ...PERSONAL_PATHS],
        censor,
      },
    },
    destination,
  );
}
