import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Logger } from '../lib/logger.ts';
import { CallSession, type SessionDeps } from './session.ts';

export const MEDIA_STREAM_PATH = '/media-stream';

export interface MediaServer {
  server: Server;
  sessions: Set<CallSession>;
  start(): Promise<string>;
  stop(): Promise<void>;
}

/** The WebSocket endpoint Twilio's `<Connect><Stream>` opens, plus a health route. */
export function createMediaServer(opts: {
  host: string;
  port: number;
  instanceId: string;
  logger: Logger;
  session: Omit<SessionDeps, 'logger'>;
}): MediaServer {
  const { logger } = opts;
  const sessions = new Set<CallSession>();
  const server = createServer((req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'ok', instanceId: opts.instanceId, activeCalls: sessions.size }));
      return;
    }
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ server, path: MEDIA_STREAM_PATH, maxPayload: 64 * 1024 });
  wss.on('connection', (socket) => {
    const session = new CallSession(socket, { ...opts.session, logger });
    sessions.add(session);
    socket.on('message', (data, isBinary) => {
      if (isBinary || !session.handle(data.toString())) {
        logger.warn({ callId: session.callId }, 'not a Media Streams message; closing');
        socket.close(1003, 'unsupported data');
      }
    });
    socket.on('close', () => sessions.delete(session));
    socket.on('error', (error) => logger.warn({ err: error, callId: session.callId }, 'media socket error'));
  });

  return {
    server,
    sessions,
    start: () =>
      new Promise((resolveStart, reject) => {
        server.once('error', reject);
        server.listen(opts.port, opts.host, () => {
          const { port } = server.address() as AddressInfo;
          resolveStart(`ws://${opts.host}:${port}${MEDIA_STREAM_PATH}`);
        });
      }),
    stop: async () => {
      for (const session of sessions) session.close('bridge shutting down');
      await new Promise<void>((done) => wss.close(() => done()));
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
