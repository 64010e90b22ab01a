import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { Client } from '@temporalio/client';
import { type ExecutionArgs, GraphQLError, getOperationAST, NoSchemaIntrospectionCustomRule } from 'graphql';
import type { OperationResult } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { createGraphQLError, createYoga, type Plugin } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import type { OrganizationClients } from '../db/credentials.ts';
import type { EventBus } from '../db/event-bus.ts';
import type { Orm } from '../db/orm.ts';
import type { KnowledgeStore } from '../knowledge/store.ts';
import type { Config } from '../lib/config.ts';
import type { Encryption } from '../lib/encryption.ts';
import { AppError } from '../lib/errors.ts';
import type { HealthReport } from '../lib/health.ts';
import type { Logger } from '../lib/logger.ts';
import type { OrganizationPayloadCodec } from '../lib/payload-codec.ts';
import type { GatewayContext, Principal } from '../schema/context.ts';
import { schema } from '../schema/index.ts';
import { Workflows } from '../schema/workflows.ts';
import { AuditRecorder, actorOf } from './audit.ts';
import type { AuthService } from './auth.ts';
import { createDownloads, DOWNLOADS_PATH_PREFIX } from './downloads.ts';
import { BodyTooLargeError, bearerToken, clientIp, readBody } from './http.ts';
import { createGatewayMetrics } from './metrics.ts';
import type { RateLimiter } from './rate-limit.ts';
import { SharedSubscriptions, shareKey } from './shared-subscriptions.ts';
import { createStaticHandler } from './static.ts';
import { CODEC_PATH_PREFIX, createCodecEndpoint } from './temporal-codec.ts';
import { createTwilioWebhooks, TWILIO_PATH_PREFIX } from './twilio-webhooks.ts';

export interface GatewayDeps {
  config: Config;
  logger: Logger;
  orm: Orm;
  temporal: Client;
  events: EventBus;
  authService: AuthService;
  limiter: RateLimiter;
  health: () => Promise<HealthReport>;
  knowledge: KnowledgeStore;
  encryption: Encryption;
  /** The Temporal payload codec, for the codec endpoint. */
  codec: OrganizationPayloadCodec;
  clients: OrganizationClients;
  weaviate: GatewayContext['weaviate'];
}

export interface GatewayApp {
  server: Server;
  /** Listens on the configured host and port (0 picks a free port) and returns the base URL. */
  start(): Promise<string>;
  stop(): Promise<void>;
}

const GRAPHQL_PATH = '/graphql';

/** The context the gateway builds: the schema's, with the audit recorder it flushes after each operation. */
type RequestContext = GatewayContext & { audit: AuditRecorder };

interface RequestInfo {
  principal: Principal | null;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
}

/** A share key scoped to one access token (its SHA-256, never the token itself). */
const withToken = (bearer: string | undefined, key: string | null): string | null =>
  key === null
    ? null
    : `${createHash('sha256')
        .update(bearer ?? '')
        .digest('base64url')}:${key}`;

/**
 * The gateway: GraphQL over HTTP and graphql-ws on one port (authenticated, rate limited, size
 * and cost limited, audited), Twilio webhooks, health, and the built console.
 */
export function buildApp(deps: GatewayDeps): GatewayApp {
  const { config, logger } = deps;
  const production = config.env === 'production';

  const workflows = new Workflows(deps.temporal, config);
  const shared = new SharedSubscriptions();
  const metrics = createGatewayMetrics(deps.orm, () => shared.size);
  const contextFor = (info: RequestInfo): RequestContext => ({
    em: deps.orm.em.fork(),
    workflows,
    events: deps.events,
    config,
    logger: logger.child({ requestId: info.requestId }),
    requestId: info.requestId,
    auth: info.principal,
    accounts: deps.authService,
    limiter: deps.limiter,
    knowledge: deps.knowledge,
    encryption: deps.encryption,
    clients: deps.clients,
    weaviate: deps.weaviate,
    client: { ip: info.ip, userAgent: info.userAgent },
    audit: new AuditRecorder(deps.orm, logger, actorOf(info.principal), { requestId: info.requestId, ip: info.ip }),
  });

  /** A bad credential counts against its address, so tokens and API keys cannot be guessed at speed. */
  const authenticateCounted = async (authorization: string, ip: string | null): Promise<Principal> => {
    try {
      return await deps.authService.authenticate(authorization);
    } catch (error) {
      if (error instanceof GraphQLError) {
        const limit = { name: 'auth-failures', max: config.limits.authFailuresPerIpPer15Minutes, windowSeconds: 900 };
        await deps.limiter.hit(limit, `ip:${ip ?? 'unknown'}`);
      }
      throw error;
    }
  };

  /** Who is calling, and whether they are still within their request budget. */
  const admit = async (authorization: string | undefined, ip: string | null): Promise<Principal | null> => {
    const principal = authorization ? await authenticateCounted(authorization, ip) : null;
    const subject = principal ? `${principal.kind}:${principal.id}` : `ip:${ip ?? 'unknown'}`;
    await deps.limiter.hit({ name: 'requests', max: config.limits.requestsPerMinute, windowSeconds: 60 }, subject);
    return principal;
  };

  const auditFlush: Plugin<RequestContext> = {
    onExecute: ({ args }) => ({ onExecuteDone: () => (args.contextValue as RequestContext).audit.flush() }),
  };
  const timed: Plugin = {
    onExecute: ({ args }) => {
      const operation = getOperationAST(args.document, args.operationName);
      const done = metrics.timeOperation(operation?.operation ?? 'unknown');
      return { onExecuteDone: ({ result }) => done('errors' in result && Boolean(result.errors?.length)) };
    },
  };
  const noIntrospection: Plugin = {
    onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule),
  };

  const yoga = createYoga<{ req: IncomingMessage; requestId: string }, RequestContext>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    graphiql: !production && config.limits.introspection && { subscriptionsProtocol: 'WS' },
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
      // GraphQL errors we raise on purpose (auth, limits) and expected AppErrors keep their code;
      // anything else is masked and logged under an id the caller can quote.
      maskError(error, message) {
        const original = error instanceof GraphQLError ? error.originalError : error;
        if (error instanceof GraphQLError && (!original || original instanceof GraphQLError)) return error;
        if (original instanceof AppError) {
          return createGraphQLError(original.message, {
            ...(error instanceof GraphQLError && { nodes: error.nodes, path: error.path }),
            extensions: { code: original.code },
          });
        }
        const errorId = randomUUID();
        logger.error({ err: original ?? error, errorId }, 'unexpected error in a GraphQL operation');
        return createGraphQLError(message, { extensions: { code: 'INTERNAL', errorId } });
      },
    },
    plugins: [
      EnvelopArmorPlugin({
        maxDepth: { n: config.limits.maxDepth },
        maxAliases: { n: config.limits.maxAliases },
        maxTokens: { n: config.limits.maxTokens },
        costLimit: { maxCost: config.limits.maxCost },
        blockFieldSuggestion: { enabled: production },
      }),
      ...(config.limits.introspection ? [] : [noIntrospection]),
      auditFlush,
      timed,
    ],
    context: async ({ request, req, requestId }) => {
      const ip = clientIp(req);
      const principal = await admit(bearerToken(request.headers.get('authorization')), ip);
      return contextFor({ principal, requestId, ip, userAgent: request.headers.get('user-agent') });
    },
  });

  const serveGraphQL = async (req: IncomingMessage, res: ServerResponse) => {
    const requestId = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) ?? randomUUID();
    let body: Buffer | undefined;
    // Uploads (GraphQL multipart requests) have a limit of their own.
    const upload = /^multipart\/form-data/i.test(req.headers['content-type'] ?? '');
    const limit = upload ? config.limits.maxUploadBytes : config.limits.maxRequestBytes;
    try {
      body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req, limit);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      res.writeHead(413, { 'content-type': 'application/json', 'x-request-id': requestId });
      res.end(JSON.stringify({ errors: [{ message: error.message, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }));
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await yoga.fetch(
      new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`),
      { method: req.method, headers, ...(body && { body: new Uint8Array(body) }) },
      { req, requestId },
    );
    res.writeHead(response.status, { ...Object.fromEntries(response.headers), 'x-request-id': requestId });
    if (response.body) for await (const chunk of response.body) res.write(chunk);
    res.end();
  };

  const codecEndpoint = createCodecEndpoint({
    config,
    logger,
    codec: deps.codec,
    admit,
    auditFor: (principal, ip) =>
      new AuditRecorder(deps.orm, logger, actorOf(principal), { requestId: randomUUID(), ip }),
  });
  const twilioWebhooks = createTwilioWebhooks({ config, workflows, orm: deps.orm, logger, clients: deps.clients });
  const serveStatic = createStaticHandler(config.gateway.webDistDir);
  const downloads = createDownloads({ orm: deps.orm, jwtSecret: config.auth.jwtSecret });
  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    metrics.timeRequest(req, res, path);
    if (path === '/metrics') {
      await metrics.serve(res);
    } else if (path === '/healthz' || path === '/readyz') {
      const report = await deps.health();
      res.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(report));
    } else if (path === GRAPHQL_PATH) {
      await serveGraphQL(req, res);
    } else if (path.startsWith(CODEC_PATH_PREFIX)) {
      await codecEndpoint(req, res);
    } else if (path.startsWith(DOWNLOADS_PATH_PREFIX)) {
      await downloads(req, res);
    } else if (path.startsWith(TWILIO_PATH_PREFIX)) {
      await twilioWebhooks(req, res, await readBody(req, config.limits.maxRequestBytes));
    } else {
      await serveStatic(req, res);
    }
  };
  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      logger.error({ err: error, path: req.url }, 'request failed');
      if (!res.headersSent) res.writeHead(error instanceof BodyTooLargeError ? 413 : 500);
      res.end();
    });
  });
  // Idle keep-alive sockets outlive a load balancer's idle timeout (60 s on most), and a client's
  // (fetch keeps them a little less than the `Keep-Alive: timeout` hint the server sends). With Node's 5 s default,
  // a client that reuses a socket just as the server closes it gets ECONNRESET.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  const wss = new WebSocketServer({ server, path: GRAPHQL_PATH, maxPayload: config.limits.maxRequestBytes });
  const wsServer = useServer<Record<string, unknown>, { bearer?: string; open?: Map<string, () => void> }>(
    {
      execute: (args) => (args.rootValue as EnvelopedOps).execute(args),
      // Identical subscriptions (one principal, operation and variables) share one execution per event.
      subscribe: (args) => {
        const root = args.rootValue as EnvelopedOps;
        return shared.subscribe(root.shareKey, () => root.subscribe(args)) as OperationResult;
      },
      // Credentials come in connectionParams: { authorization: 'Bearer …' }. They are checked when
      // the socket opens and again for every subscription, so a revoked session cannot start new ones.
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        ctx.extra.bearer = bearerToken(typeof authorization === 'string' ? authorization : undefined);
        try {
          await admit(ctx.extra.bearer, clientIp(ctx.extra.request));
          return true;
        } catch (error) {
          if (error instanceof GraphQLError) return false;
          throw error;
        }
      },
      onComplete: (ctx, id) => {
        ctx.extra.open?.get(id)?.();
        ctx.extra.open?.delete(id);
      },
      onClose: (ctx) => {
        for (const close of ctx.extra.open?.values() ?? []) close();
        ctx.extra.open?.clear();
      },
      onSubscribe: async (ctx, id, payload) => {
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
        // A malformed operation is answered with an error for that operation alone; the socket and
        // its other subscriptions stay.
        let document: ReturnType<typeof parse>;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('The operation could not be parsed.')];
        }
        const errors = validate(enveloped, document);
        if (errors.length) return errors;
        let principal: Principal | null;
        try {
          principal = await admit(ctx.extra.bearer, clientIp(ctx.extra.request));
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        ctx.extra.open ??= new Map();
        ctx.extra.open.set(id, metrics.subscriptionOpened());
        return {
          schema: enveloped,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: contextFor({
            principal,
            requestId: randomUUID(),
            ip: clientIp(ctx.extra.request),
            userAgent: ctx.extra.request.headers['user-agent'] ?? null,
          }),
          rootValue: {
            execute,
            subscribe,
            // Shared only among sockets of one access token: a console reconnects with each refreshed
            // token, and its new subscription starts an execution of its own rather than joining one
            // begun under the token it replaced.
            shareKey: withToken(
              ctx.extra.bearer,
              shareKey(principal, document, payload.query, payload.operationName, payload.variables),
            ),
          },
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
  /** Under which key the subscription may share its execution (null: alone). */
  shareKey: string | null;
}
