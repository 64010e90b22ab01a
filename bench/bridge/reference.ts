/**
 * The bridge benchmark's reference: per message, what Twilio's sample Node bridge does
 * (twilio-samples/speech-assistant-openai-realtime-api-node, on the GA Realtime events): Fastify
 * with @fastify/websocket, `JSON.parse` of every Twilio message, `JSON.stringify` of every
 * `input_audio_buffer.append` on a `ws` client to the Realtime endpoint, each reply chunk sent on
 * as a media message followed by a mark, and `clear` plus `conversation.item.truncate` when the
 * caller talks over it. Nothing is persisted. The sample's console logging of a few event types is
 * left out (it happens per turn, not per frame, and would only make the reference slower).
 *   PORT, REALTIME_URL (wss://…/v1/realtime?model=…), OPENAI_CA_FILE
 */
import { readFileSync } from 'node:fs';
import fastifyWebsocket from '@fastify/websocket';
import Fastify from 'fastify';
import WebSocket from 'ws';

const ca = process.env.OPENAI_CA_FILE ? readFileSync(process.env.OPENAI_CA_FILE) : undefined;
const fastify = Fastify();
await fastify.register(fastifyWebsocket);

fastify.register(async (app) => {
  app.get('/media-stream', { websocket: true }, (connection) => {
    let streamSid: string | null = null;
    let latestMediaTimestamp = 0;
    let lastAssistantItem: string | null = null;
    let markQueue: string[] = [];
    let responseStartTimestampTwilio: number | null = null;

    const openAiWs = new WebSocket(String(process.env.REALTIME_URL), {
      headers: { Authorization: 'Bearer simulator' },
      ca,
    });

    const initializeSession = () => {
      openAiWs.send(
        JSON.stringify({
          type: 'session.update',
          session: {
            type: 'realtime',
            model: 'gpt-realtime',
            output_modalities: ['audio'],
            audio: {
              input: { format: { type: 'audio/pcmu' }, turn_detection: { type: 'server_vad' } },
              output: { format: { type: 'audio/pcmu' }, voice: 'alloy' },
            },
            instructions: 'You are a helpful and bubbly AI assistant.',
          },
        }),
      );
    };

    const handleSpeechStartedEvent = () => {
      if (markQueue.length > 0 && responseStartTimestampTwilio != null) {
        const elapsedTime = latestMediaTimestamp - responseStartTimestampTwilio;
        if (lastAssistantItem) {
          openAiWs.send(
            JSON.stringify({
              type: 'conversation.item.truncate',
              item_id: lastAssistantItem,
              content_index: 0,
              audio_end_ms: elapsedTime,
            }),
          );
        }
        connection.send(JSON.stringify({ event: 'clear', streamSid }));
        markQueue = [];
        lastAssistantItem = null;
        responseStartTimestampTwilio = null;
      }
    };

    const sendMark = () => {
      if (!streamSid) return;
      connection.send(JSON.stringify({ event: 'mark', streamSid, mark: { name: 'responsePart' } }));
      markQueue.push('responsePart');
    };

    openAiWs.on('open', () => setTimeout(initializeSession, 100));
    openAiWs.on('message', (data) => {
      try {
        const response = JSON.parse(data.toString());
        if (response.type === 'response.output_audio.delta' && response.delta) {
          connection.send(JSON.stringify({ event: 'media', streamSid, media: { payload: response.delta } }));
          if (!responseStartTimestampTwilio) responseStartTimestampTwilio = latestMediaTimestamp;
          if (response.item_id) lastAssistantItem = response.item_id;
          sendMark();
        }
        if (response.type === 'input_audio_buffer.speech_started') handleSpeechStartedEvent();
      } catch (error) {
        console.error('Error processing OpenAI message:', error);
      }
    });

    connection.on('message', (message: Buffer) => {
      try {
        const data = JSON.parse(message.toString());
        switch (data.event) {
          case 'media':
            latestMediaTimestamp = Number(data.media.timestamp);
            if (openAiWs.readyState === WebSocket.OPEN) {
              openAiWs.send(JSON.stringify({ type: 'input_audio_buffer.append', audio: data.media.payload }));
            }
            break;
          case 'start':
            streamSid = data.start.streamSid;
            responseStartTimestampTwilio = null;
            latestMediaTimestamp = 0;
            break;
          case 'mark':
            if (markQueue.length > 0) markQueue.shift();
            break;
          default:
            break;
        }
      } catch (error) {
        console.error('Error parsing message:', error);
      }
    });

    connection.on('close', () => {
      if (openAiWs.readyState === WebSocket.OPEN) openAiWs.close();
    });
    openAiWs.on('error', (error) => console.error('Error in the OpenAI WebSocket:', error));
  });
});

await fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.send?.({ type: 'ready' });
