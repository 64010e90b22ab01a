import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { verifyListenToken } from '../lib/listen-token.ts';
import type { Logger } from '../lib/logger.ts';
import { CallSession, type SessionDeps } from './session.ts';

export const MEDIA_STREAM_PATH = '/media-stream';
export const LISTEN_PATH = '/listen';

export interface MediaServer {
  server: Server;
  sessions: Set<CallSession>;
  start(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The WebSocket endpoints of a bridge: `/media-stream` (Twilio's `<Connect><Stream>`) and
 * `/listen?token=` (a supervisor's browser hearing a call this bridge holds), plus `/healthz`.
 */
export function createMediaServer(opts: {
  host: string;
  port: number;
  instanceId: string;
  logger: Logger;
  /** Verifies listen-in tokens (signed by the gateway with the same secret). */
  jwtSecret: string;
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
  const media = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const listen = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://bridge');
    if (url.pathname === MEDIA_STREAM_PATH) {
      media.handleUpgrade(req, socket, head, (ws) => media.emit('connection', ws, req));
      return;
    }
    if (url.pathname === LISTEN_PATH) {
      void verifyListenToken(opts.jwtSecret, url.searchParams.get('token') ?? '').then((callId) => {
        const session = callId ? [...sessions].find((s) => s.callId === callId) : undefined;
        if (!session) {
          socket.end(`HTTP/1.1 ${callId ? 404 : 401} ${callId ? 'Not Found' : 'Unauthorized'}\r\n\r\n`);
          return;
        }
        listen.handleUpgrade(req, socket, head, (ws) => {
          logger.info({ callId }, 'listener joined');
          session.addListener(ws);
        });
      });
      return;
    }
    socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
  });
  media.on('connection', (socket) => {
    const session = new CallSession(socket, { ...opts.session, logger });
    sessions.add(session);
    socket.on('message', (data, isBinary) => {
      // Whatever one socket sends, only that socket pays for it.
      let handled = false;
      try {
        handled = !isBinary && session.handle(data.toString());
      } catch (error) {
        logger.error({ err: error, callId: session.callId }, 'media stream message failed');
      }
      if (!handled) {
        logger.warn({ callId: session.callId }, 'not a Media Streams message; closing');
        socket.close(1003, 'unsupported data');
        session.close('unsupported data');
      }
    });
    socket.on('close', () => {
      sessions.delete(session);
      session.close('stream closed');
    });
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
      await new Promise<void>((done) => media.close(() => done()));
      await new Promise<void>((done) => listen.close(() => done()));
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
