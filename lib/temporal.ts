import { DefaultLogger, type LogLevel, Runtime } from '@temporalio/worker';
import type { Logger } from './logger.ts';

/**
 * Routes the Temporal SDK's logs into our JSON log and leaves signal handling to the process's
 * own graceful shutdown; with `prometheusBindAddress` (host:port) the SDK serves its own metrics
 * (task latencies, slots, polls) there on `/metrics`. Call once, before any worker or native
 * connection is created.
 */
export function installTemporalRuntime(logger: Logger, opts: { prometheusBindAddress?: string } = {}): void {
  const sdk = logger.child({ component: 'temporal-sdk' });
  Runtime.install({
    shutdownSignals: [],
    logger: new DefaultLogger('WARN', ({ level, message, meta }) => {
      const method = ({ TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const)[
        level as LogLevel
      ];
      sdk[method](meta ?? {}, message);
    }),
    ...(opts.prometheusBindAddress && {
      telemetryOptions: {
        metrics: {
          prometheus: {
            bindAddress: opts.prometheusBindAddress,
            countersTotalSuffix: true,
            useSecondsForDurations: true,
          },
        },
      },
    }),
  });
}
