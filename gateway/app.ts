import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import type { ExecutionArgs } from 'graphql';
import type { OperationResult } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { createGraphQLError, createYoga } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import type { EventBus } from '../db/event-bus.ts';
import type { Orm } from '../db/orm.ts';
import type { Config } from '../lib/config.ts';
import type { Logger } from '../lib/logger.ts';
import type { GatewayContext } from '../schema/builder.ts';
import { schema } from '../schema/index.ts';
import type { HealthReport } from './health.ts';
import { createStaticHandler } from './static.ts';

export interface GatewayDeps {
  config: Config;
  logger: Logger;
  orm: Orm;
  temporal: Client;
  events: EventBus;
  health: () => Promise<HealthReport>;
}

export interface GatewayApp {
  server: Server;
  /** Listens on the configured host and port (0 picks a free port) and returns the base URL. */
  start(): Promise<string>;
  stop(): Promise<void>;
}

const GRAPHQL_PATH = '/graphql';

/** The gateway: GraphQL over HTTP and graphql-ws on one port, health, and the built console. */
export function buildApp(deps: GatewayDeps): GatewayApp {
  const { config, logger } = deps;
  const production = config.env === 'production';

  const contextFor = (requestId: string): GatewayContext => ({
    em: deps.orm.em.fork(),
    temporal: deps.temporal,
    events: deps.events,
    config,
    logger: logger.child({ requestId }),
    requestId,
  });

  const yoga = createYoga<{ req?: IncomingMessage }, GatewayContext>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    graphiql: !production && { subscriptionsProtocol: 'WS' },
    landingPage: false,
    cors: config.gateway.corsOrigins.length
      ? { origin: config.gateway.corsOrigins, credentials: true }
      : production
        ? false
        : undefined,
    logging: {
      debug: (...args) => logger.debug(args),
      info: (...args) => logger.info(args),
      warn: (...args) => logger.warn(args),
      error: (...args) => logger.error(args),
    },
    maskedErrors: {
      maskError(error, message) {
        const errorId = randomUUID();
        logger.error({ err: error, errorId }, 'unexpected error in a GraphQL operation');
        return createGraphQLError(message, { extensions: { code: 'INTERNAL', errorId } });
      },
    },
    context: ({ request }) => contextFor(request.headers.get('x-request-id') ?? randomUUID()),
  });

  const serveStatic = createStaticHandler(config.gateway.webDistDir);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      deps.health().then(
        (report) => {
          res.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' });
          res.end(JSON.stringify(report));
        },
        (error: unknown) => {
          logger.error({ err: error }, 'health check failed');
          res.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"unavailable"}');
        },
      );
      return;
    }
    if (path === GRAPHQL_PATH) {
      void yoga.handle(req, res, { req });
      return;
    }
    serveStatic(req, res).catch((error: unknown) => {
      logger.error({ err: error, path }, 'static file error');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  const wss = new WebSocketServer({ server, path: GRAPHQL_PATH });
  const wsServer = useServer<Record<string, unknown>>(
    {
      execute: (args) => (args.rootValue as EnvelopedOps).execute(args),
      subscribe: (args) => (args.rootValue as EnvelopedOps).subscribe(args),
      onSubscribe: async (ctx, _id, payload) => {
        const {
          schema: enveloped,
          execute,
          subscribe,
          parse,
          validate,
        } = yoga.getEnveloped({
          req: ctx.extra.request,
          params: payload,
        });
        const document = parse(payload.query);
        const errors = validate(enveloped, document);
        if (errors.length) return errors;
        return {
          schema: enveloped,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: contextFor(randomUUID()),
          rootValue: { execute, subscribe },
        };
      },
    },
    wss,
  );

  return {
    server,
    start: () =>
      new Promise((resolveStart, reject) => {
        server.once('error', reject);
        server.listen(config.gateway.port, config.gateway.host, () => {
          const { port } = server.address() as AddressInfo;
          resolveStart(`http://${config.gateway.host}:${port}`);
        });
      }),
    stop: async () => {
      await wsServer.dispose();
      await new Promise<void>((resolveClose) => wss.close(() => resolveClose()));
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
    },
  };
}

interface EnvelopedOps {
  execute: (args: ExecutionArgs) => OperationResult;
  subscribe: (args: ExecutionArgs) => OperationResult;
}
