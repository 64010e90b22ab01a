import { type Logger, pino } from 'pino';

export type { Logger };

/** Structured JSON logs, one line each; secrets never leave through them. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    level,
    base: { service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['*.password', '*.authToken', '*.apiKey', '*.token', '*.authorization', 'req.headers.authorization'],
      censor: '***',
    },
  });
}
