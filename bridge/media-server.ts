import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { WebSocketServer } from 'ws';
import { verifyListenToken } from '../lib/listen-token.ts';
import type { Logger } from '../lib/logger.ts';
import { MEDIA_STREAM_PATH } from '../lib/stream-token.ts';
import { CallSession, type SessionDeps } from './session.ts';

const METRICS_PATH = '/metrics';

export const LISTEN_PATH = '/listen';
/** `/media-stream/<callId>`: the call in the path picks the Twilio account whose token signed the upgrade. */
const MEDIA_STREAM_URL = /^\/media-stream(?:\/([0-9a-f-]{36}))?$/;

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
  /** Verifies listen-in and media-stream tickets (signed by the gateway with the same secret). */
  jwtSecret: string;
  /**
   * The Twilio auth token a media stream's upgrade must be signed with: that of the account the call
   * named in the stream's path went through (an organisation's own, or the platform's).
   */
  twilioAuthToken: (callId: string | undefined) => Promise<string>;
  /** Where Twilio reaches this bridge (its stream URL is signed as Twilio requested it). */
  advertiseUrl: string;
  session: Omit<SessionDeps, 'logger' | 'jwtSecret' | 'holds'>;
}): MediaServer {
  const { logger } = opts;
  const { metrics } = opts.session;
  const sessions = new Set<CallSession>();
  metrics.watchStreams(sessions);
  const server = createServer((req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'ok', instanceId: opts.instanceId, activeCalls: sessions.size }));
      return;
    }
    if (req.url === METRICS_PATH) {
      metrics.registry.metrics().then(
        (body) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body),
        () => res.writeHead(500).end(),
      );
      return;
    }
    res.writeHead(404).end();
  });
  const media = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const listen = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://bridge');
    const streamPath = MEDIA_STREAM_URL.exec(url.pathname);
    if (streamPath) {
      socket.on('error', () => socket.destroy());
      void signedByTwilio(req, streamPath[1], opts).then(
        (signed) => {
          if (!signed) {
            logger.warn({ ip: req.socket.remoteAddress }, 'media stream refused: bad Twilio signature');
            socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
            return;
          }
          media.handleUpgrade(req, socket, head, (ws) => media.emit('connection', ws, req));
        },
        (error: unknown) => {
          logger.error({ err: error }, 'media stream refused: its Twilio account could not be read');
          socket.end('HTTP/1.1 503 Service Unavailable\r\n\r\n');
        },
      );
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
    const session = new CallSession(socket, {
      ...opts.session,
      logger,
      jwtSecret: opts.jwtSecret,
      holds: (callId) => [...sessions].some((other) => other.callId === callId && other.live),
    });
    sessions.add(session);
    socket.on('message', (data, isBinary) => {
      const startedAt = metrics.sampled() ? performance.now() : undefined;
      // Whatever one socket sends, only that socket pays for it.
      let handled = false;
      try {
        handled = !isBinary && session.handle(data.toString());
      } catch (error) {
        logger.error({ err: error, callId: session.callId }, 'media stream message failed');
      }
      if (startedAt !== undefined) metrics.handled('inbound', startedAt);
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

/**
 * Twilio signs a media stream's WebSocket upgrade (X-Twilio-Signature over the stream URL, no
 * parameters). The URL is this bridge's public one, or the Host it was reached at.
 */
async function signedByTwilio(
  req: IncomingMessage,
  callId: string | undefined,
  opts: { twilioAuthToken: (callId: string | undefined) => Promise<string>; advertiseUrl: string },
): Promise<boolean> {
  const signature = req.headers['x-twilio-signature'];
  if (typeof signature !== 'string') return false;
  const path = (req.url ?? '').split('?')[0];
  const urls = [`${opts.advertiseUrl}${path}`, `ws://${req.headers.host}${path}`, `wss://${req.headers.host}${path}`];
  const token = await opts.twilioAuthToken(callId);
  return urls.some((url) => twilio.validateRequest(token, signature, url, {}));
}
