import { createLogger } from '../../lib/logger.ts';
import { installTemporalRuntime } from '../../lib/temporal.ts';

/** Keeps the SDK's info chatter out of test output; a runtime left installed by another file is fine. */
export function quietTemporalRuntime(): void {
  try {
    installTemporalRuntime(createLogger('temporal-test', 'warn'));
  } catch {
    // already installed in this process
  }
}
