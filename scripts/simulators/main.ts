/**
 * npm run simulators — the telephony and Realtime simulators as one process, for trying the SDKs
 * against them by hand. Prints where each listens and the settings that point the SDKs there.
 *   TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN (defaults below), SIM_TWILIO_PORT (4010), SIM_REALTIME_PORT (4011)
 *   SIM_TWILIO_ACCOUNTS: more accounts, `AC…:token,AC…:token` (organisations with their own Twilio account)
 *   SIM_OPENAI_API_KEYS: keys the Realtime simulator accepts besides the platform's default `simulator`
 *     (an organisation's own key); any other key is refused as OpenAI refuses it
 */
import { startRealtimeSimulator } from './realtime.ts';
import { startTelephonySimulator } from './telephony.ts';
import { simulatorTls } from './tls.ts';

const accountSid = process.env.TWILIO_ACCOUNT_SID ?? `AC${'0'.repeat(32)}`;
const authToken = process.env.TWILIO_AUTH_TOKEN ?? 'simulator-auth-token';
const tls = simulatorTls();
const list = (name: string) =>
  (process.env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const telephony = await startTelephonySimulator({
  accountSid,
  authToken,
  accounts: list('SIM_TWILIO_ACCOUNTS').map((entry) => {
    const [sid = '', token = ''] = entry.split(':');
    return { accountSid: sid, authToken: token };
  }),
  port: Number(process.env.SIM_TWILIO_PORT ?? 4010),
});
const realtime = await startRealtimeSimulator({
  tls,
  port: Number(process.env.SIM_REALTIME_PORT ?? 4011),
  apiKeys: ['simulator', ...list('SIM_OPENAI_API_KEYS')],
});

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
