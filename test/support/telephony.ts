import { SIMULATOR_ACCOUNT_SID } from '../../lib/config.ts';
import { startTelephonySimulator, type TelephonySimulator } from '../../scripts/simulators/telephony.ts';
import { TEST_TWILIO_AUTH_TOKEN } from './env.ts';

/**
 * A telephony simulator of the test's own, and the environment that points the platform's real
 * Twilio client at it. Numbers pick the caller: +15550100007 rings out, +15550100006 is busy, and
 * any ordinary number answers at once (see scripts/simulators/personas.ts).
 */
export async function startTelephony(): Promise<{ sim: TelephonySimulator; env: Record<string, string> }> {
  const sim = await startTelephonySimulator({ accountSid: SIMULATOR_ACCOUNT_SID, authToken: TEST_TWILIO_AUTH_TOKEN });
  return { sim, env: { TWILIO_ACCOUNT_SID: SIMULATOR_ACCOUNT_SID, TWILIO_API_BASE_URL: sim.apiBaseUrl } };
}

export const RINGS_OUT = '+15550100007';
/** Rings until the call's ring timeout (or a hang-up): a call that stays ringing while a test works on it. */
export const RINGS_LONG = '+155501000010';
