import { describe, expect, it } from '@jest/globals';
import { createLogger } from '../../lib/logger.ts';

/** What one log call writes, parsed. */
function logged(write: (logger: ReturnType<typeof createLogger>) => void): Record<string, unknown> {
  const lines: string[] = [];
  const logger = createLogger('test', 'info', { write: (line: string) => lines.push(line) });
  write(logger);
  return JSON.parse(lines[0]!);
}

describe('logs', () => {
  it('never carry a full phone number or email, only their last four characters', () => {
    const line = logged((logger) =>
      logger.warn({ to: '+15559990000', call: { from: '+442071838750', email: 'jane@example.com' } }, 'x'),
    );
    expect(line.to).toBe('••••••••0000');
    expect(line.call).toEqual({ from: '••••••••8750', email: '••••••••.com' });
    expect(JSON.stringify(line)).not.toMatch(/5559990000|2071838750|jane@/);
  });

  it('never carry what was said, only how long it was', () => {
    const line = logged((logger) => logger.info({ line: { text: 'my card is 4242 4242 4242 4242' } }, 'x'));
    expect(line.line).toEqual({ text: '[30 characters]' });
  });

  it('never carry secrets', () => {
    const line = logged((logger) => logger.info({ authToken: 'abc123', headers: { authorization: 'Bearer x' } }, 'x'));
    expect(line.authToken).toBe('***');
    expect(line.headers).toEqual({ authorization: '***' });
  });
});
