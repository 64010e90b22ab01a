/**
 * The bridge benchmark's floor: a bare `ws` server that only moves audio. A media frame's payload
 * is cut out of the message by position and sent on inside a fixed template; a reply chunk goes back
 * the same way. No marks, no barge-in, no checks: nothing a bridge could do per frame is cheaper.
 *   PORT, REALTIME_URL (wss://…/v1/realtime?model=…), OPENAI_CA_FILE
 */
import { readFileSync } from 'node:fs';
import WebSocket, { WebSocketServer } from 'ws';

const ca = process.env.OPENAI_CA_FILE ? readFileSync(process.env.OPENAI_CA_FILE) : undefined;
const PAYLOAD = '"payload":"';
const DELTA_TYPE = '"type":"response.output_audio.delta"';
const DELTA = '"delta":"';

const server = new WebSocketServer({ host: '127.0.0.1', port: Number(process.env.PORT) });
server.on('connection', (twilio) => {
  let streamSid = '';
  const realtime = new WebSocket(String(process.env.REALTIME_URL), {
    headers: { Authorization: 'Bearer simulator' },
    ca,
  });
  realtime.on('open', () =>
    realtime.send(
      JSON.stringify({
        type: 'session.update',
        session: {
          type: 'realtime',
          audio: { input: { format: { type: 'audio/pcmu' } }, output: { format: { type: 'audio/pcmu' } } },
        },
      }),
    ),
  );
  realtime.on('message', (data) => {
    const text = data.toString();
    if (!text.includes(DELTA_TYPE)) return;
    const at = text.indexOf(DELTA) + DELTA.length;
    twilio.send(
      `{"event":"media","streamSid":"${streamSid}","media":{"payload":"${text.slice(at, text.indexOf('"', at))}"}}`,
    );
  });
  realtime.on('error', () => twilio.close());
  twilio.on('message', (data) => {
    const text = data.toString();
    const at = text.indexOf(PAYLOAD);
    if (at < 0) {
      const message = JSON.parse(text);
      if (message.event === 'start') streamSid = message.start.streamSid;
      return;
    }
    const start = at + PAYLOAD.length;
    if (realtime.readyState === WebSocket.OPEN)
      realtime.send(`{"type":"input_audio_buffer.append","audio":"${text.slice(start, text.indexOf('"', start))}"}`);
  });
  twilio.on('close', () => realtime.close());
});
server.on('listening', () => process.send?.({ type: 'ready' }));
