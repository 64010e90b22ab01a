/**
 * npm run simulators — the telephony and Realtime simulators as one process, for trying the SDKs
 * against them by hand. Prints where each listens and the settings that point the SDKs there.
 *   TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN (defaults below), SIM_TWILIO_PORT (4010), SIM_REALTIME_PORT (4011)
 */
import { startRealtimeSimulator } from './realtime.ts';
import { startTelephonySimulator } from './telephony.ts';
import { simulatorTls } from './tls.ts';

const accountSid = process.env.TWILIO_ACCOUNT_SID ?? `AC${'0'.repeat(32)}`;
const authToken = process.env.TWILIO_AUTH_TOKEN ?? 'simulator-auth-token';
const tls = simulatorTls();
const telephony = await startTelephonySimulator({
  accountSid,
  authToken,
  port: Number(process.env.SIM_TWILIO_PORT ?? 4010),
});
const realtime = await startRealtimeSimulator({ tls, port: Number(process.env.SIM_REALTIME_PORT ?? 4011) });

console.log(
  JSON.stringify({
    msg: 'simulators listening',
    twilio: {
      apiBaseUrl: telephony.apiBaseUrl,
      accountSid,
      authToken: '(from TWILIO_AUTH_TOKEN or the simulator default)',
    },
    openai: { baseURL: realtime.baseUrl, caFile: tls.certPath },
  }),
);

const stop = async () => {
  await Promise.all([telephony.stop(), realtime.stop()]);
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
