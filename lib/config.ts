import { existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { KEY_ID, type MasterKey } from './encryption.ts';

/** Thrown when the environment does not describe a runnable platform; lists every problem at once. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const port = z.coerce.number().int().min(0).max(65535);
const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );
const hostPort = z.string().regex(/^[\w.-]+:\d{1,5}$/, 'must be host:port');
const csv = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

/**
 * A destination FETCH_ALLOWED_HOSTS opens to knowledge fetching although it is not public: a host
 * name (whatever it resolves to), or an address range (what a name resolves to, or an IP in the URL).
 */
export type AllowedFetchTarget = { host: string; port: number | null } | { network: string; port: number | null };

const HOSTNAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/** Reads one FETCH_ALLOWED_HOSTS entry: host, host:port, IP, IP:port ([v6]:port) or CIDR; null if it is none. */
export function parseAllowedFetchTarget(entry: string): AllowedFetchTarget | null {
  const value = entry.toLowerCase();
  const withPort = (port: string | undefined) => (port === undefined ? null : Number(port));
  const single = (ip: string, port?: string) => ({
    network: `${ip}/${net.isIPv4(ip) ? 32 : 128}`,
    port: withPort(port),
  });
  if (value.includes('/')) return ipaddr.isValidCIDR(value) ? { network: value, port: null } : null;
  if (net.isIPv6(value)) return single(value);
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(value);
  if (bracketed) return net.isIPv6(bracketed[1] ?? '') ? single(bracketed[1] as string, bracketed[2]) : null;
  const match = /^([^:]+)(?::(\d{1,5}))?$/.exec(value);
  if (!match || Number(match[2] ?? 0) > 65_535) return null;
  const [, host = '', port] = match;
  if (net.isIPv4(host)) return single(host, port);
  return HOSTNAME.test(host) ? { host, port: withPort(port) } : null;
}

const allowedFetchTargets = csv
  .superRefine((entries, ctx) => {
    const bad = entries.filter((entry) => parseAllowedFetchTarget(entry) === null);
    if (bad.length) {
      ctx.addIssue({
        code: 'custom',
        message: `${bad.join(', ')}: each entry must be a host, host:port, IP address, IP:port or CIDR range`,
      });
    }
  })
  .transform((entries) => entries.map((entry) => parseAllowedFetchTarget(entry) as AllowedFetchTarget));

/** ENCRYPTION_KEYS: `id:base64` entries, the current key first; each key 32 bytes, ids unique. */
const masterKeys = csv
  .superRefine((entries, ctx) => {
    const problems: string[] = [];
    const ids = new Set<string>();
    entries.forEach((entry, index) => {
      const [id = '', key = '', ...rest] = entry.split(':');
      const where = `entry ${index + 1}`;
      if (!KEY_ID.test(id) || rest.length)
        problems.push(`${where} must be id:base64 with an id of letters, digits, _ or -`);
      else if (ids.has(id)) problems.push(`${where} repeats the id ${id}`);
      else if (Buffer.from(key, 'base64').length !== 32) problems.push(`${where} (${id}) must be 32 bytes in base64`);
      ids.add(id);
    });
    if (!entries.length) problems.push('needs at least one key');
    if (problems.length) ctx.addIssue({ code: 'custom', message: problems.join('; ') });
  })
  .transform((entries) =>
    entries.map((entry): MasterKey => {
      const [id = '', key = ''] = entry.split(':');
      return { id, key: Buffer.from(key, 'base64') };
    }),
  );

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  DATABASE_URL: url(['postgres:', 'postgresql:']).default(
    'postgres://callplatform:callplatform@127.0.0.1:5432/callplatform',
  ),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),

  TEMPORAL_ADDRESS: hostPort.default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('callplatform'),
  TEMPORAL_UI_URL: url(['http:', 'https:']).default('http://127.0.0.1:8233'),
  /** Browser origins that may call the codec endpoint (the Web UI's); default the origin of TEMPORAL_UI_URL. */
  TEMPORAL_UI_ORIGINS: csv.optional(),
  /** A workflow's next task waits this long for the worker that ran its last one before any worker may take it. */
  TEMPORAL_STICKY_QUEUE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),

  WEAVIATE_URL: url(['http:', 'https:']).default('http://127.0.0.1:8080'),
  WEAVIATE_GRPC_PORT: port.default(50051),
  WEAVIATE_API_KEY: z.string().min(1).optional(),

  GATEWAY_HOST: z.string().min(1).default('127.0.0.1'),
  GATEWAY_PORT: port.default(4000),
  PUBLIC_URL: url(['http:', 'https:']).optional(),
  CORS_ORIGINS: csv.default([]),
  WEB_DIST_DIR: z.string().min(1).default('web/dist'),

  /** The worker's own `/metrics`, `/healthz` and `/readyz` (0: not served). */
  WORKER_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  WORKER_METRICS_PORT: port.default(9464),
  /** The Temporal SDK's own Prometheus exporter in the worker (0: not served). */
  WORKER_TEMPORAL_METRICS_PORT: port.default(9465),

  BRIDGE_HOST: z.string().min(1).default('127.0.0.1'),
  BRIDGE_PORT: port.default(8081),
  /** Where Twilio opens media streams: one URL (a load balancer) or several, tried in order for a healthy one. */
  BRIDGE_PUBLIC_URL: csv
    .pipe(z.array(url(['ws:', 'wss:'])).min(1, 'needs at least one ws:// or wss:// URL'))
    .optional(),
  /** This bridge process's own URL, for listen-in (defaults to BRIDGE_PUBLIC_URL when that names one bridge). */
  BRIDGE_ADVERTISE_URL: url(['ws:', 'wss:']).optional(),
  /** Realtime sessions end after 60 minutes; a call rolls over to a fresh session before that. */
  REALTIME_SESSION_ROLLOVER_SECONDS: z.coerce.number().int().min(5).max(3_600).default(3_300),
  /** How long the voice agent's tools (knowledge lookup, escalation) may take before the model hears an error. */
  BRIDGE_TOOL_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** Caller frames (20 ms each) per append to the model: 1 sends each as it comes (README, "Benchmarks"). */
  BRIDGE_APPEND_FRAMES: z.coerce.number().int().min(1).max(25).default(1),
  BRIDGE_INSTANCE_ID: z
    .string()
    .regex(/^[\w.-]+$/, 'may hold only letters, digits, ".", "_" and "-"')
    .default(`${os.hostname()}-${process.pid}`),

  CALL_RING_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(600).default(30),
  CALL_MAX_DURATION_SECONDS: z.coerce.number().int().min(10).max(14_400).default(1_800),
  /** A call whose media stream is lost (its bridge died) is streamed again for this long. */
  CALL_STREAM_RECOVERY_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  /** How long `<Connect action>` waits for the call's workflow before asking Twilio to come back. */
  CALL_STREAM_ANSWER_TIMEOUT_MS: z.coerce.number().int().min(100).max(14_000).default(6_000),
  /** With no word from Twilio for this long while a call is up, its workflow asks Twilio how the call stands. */
  CALL_RECONCILE_AFTER_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),

  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  AUTH_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  AUTH_REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(30 * 86_400),
  AUTH_RESET_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3_600),

  /** Master keys for secrets at rest (organisations' credentials): `k2:<base64>,k1:<base64>`, the current first. */
  ENCRYPTION_KEYS: masterKeys.optional(),
  /** Lets anyone create an organisation from the console's sign-up page; else operators run `npm run org:create`. */
  ORGANIZATION_SIGNUP: z.enum(['enabled', 'disabled']).default('disabled'),

  SMTP_URL: url(['smtp:', 'smtps:']).default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(3).default('Call Platform <no-reply@callplatform.local>'),

  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-f]{32}$/, 'must be a Twilio account SID (AC + 32 hex digits)')
    .optional(),
  TWILIO_AUTH_TOKEN: z.string().min(8).optional(),
  TWILIO_API_BASE_URL: url(['http:', 'https:']).optional(),

  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: url(['http:', 'https:']).optional(),
  OPENAI_CA_FILE: z.string().min(1).optional(),
  OPENAI_REALTIME_MODEL: z.string().min(1).default('gpt-realtime'),

  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  LOGIN_ATTEMPTS_PER_15_MINUTES: z.coerce.number().int().min(1).default(10),
  LOGIN_ATTEMPTS_PER_IP_PER_15_MINUTES: z.coerce.number().int().min(1).default(100),
  /** Requests with a bad or expired token (or API key) one address may make per 15 minutes. */
  AUTH_FAILURES_PER_IP_PER_15_MINUTES: z.coerce.number().int().min(1).default(100),
  MAX_REQUEST_BYTES: z.coerce.number().int().min(1_024).default(100_000),
  /** Multipart GraphQL requests (document uploads) may be this large. */
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .default(20 * 1024 * 1024),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(1).default(10),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(1).default(15),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(10).default(2_000),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(10).default(25_000),
  GRAPHQL_INTROSPECTION: z.enum(['true', 'false']).optional(),

  /** An export's file is kept this long, then deleted by its workflow. */
  EXPORT_RETENTION_HOURS: z.coerce.number().min(0.001).max(720).default(24),
  /** How often each organisation's retention schedule runs (the policy is in days; tests run it sooner). */
  RETENTION_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(10_080).default(1_440),
  /** Rows one retention activity deletes at most. */
  RETENTION_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  /** How often a worker folds analytics differences into the rollup and its local days. */
  ANALYTICS_COMPACT_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3_600).default(30),
  /** Download links (exports, transcripts) work for this long. */
  DOWNLOAD_LINK_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),

  /** Non-public destinations knowledge URLs and documentation sync may fetch from (on-prem docs). */
  FETCH_ALLOWED_HOSTS: allowedFetchTargets.default([]),
  /** What a document may inflate to (ZIP entries, PDF streams) before it is refused as a bomb. */
  MAX_EXTRACTED_BYTES: z.coerce
    .number()
    .int()
    .min(1_048_576)
    .default(64 * 1024 * 1024),
  /** The heap of the worker thread that reads one document. */
  EXTRACTION_MAX_MEMORY_MB: z.coerce.number().int().min(32).max(4_096).default(256),

  /** A failed webhook delivery is retried after this, doubling each time up to the maximum, jittered. */
  WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().min(0.05).max(3_600).default(30),
  WEBHOOK_RETRY_MAX_DELAY_SECONDS: z.coerce.number().min(0.05).max(86_400).default(14_400),
  /** Retries go on until an attempt falls this long after the first; then the delivery has failed. */
  WEBHOOK_RETRY_WINDOW_SECONDS: z.coerce
    .number()
    .min(0.1)
    .max(30 * 86_400)
    .default(86_400),
  /** An endpoint whose every attempt has failed for this long is disabled. */
  WEBHOOK_DISABLE_AFTER_SECONDS: z.coerce
    .number()
    .min(1)
    .max(90 * 86_400)
    .default(5 * 86_400),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(15_000),
  /** After a secret is rotated, the old one signs beside the new for this long. */
  WEBHOOK_SECRET_OVERLAP_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .default(86_400),
});

/** Where `npm start` runs the telephony simulator, and the account it answers to. */
export const SIMULATOR_TWILIO_API = 'http://127.0.0.1:4010';
export const SIMULATOR_ACCOUNT_SID = `AC${'0'.repeat(32)}`;
export const SIMULATOR_OPENAI_BASE_URL = 'https://127.0.0.1:4011/v1';

/** Development-only stand-ins (the simulator's account and tokens); production refuses to start without real values. */
const DEV_ONLY_DEFAULTS = {
  AUTH_JWT_SECRET: 'dev-only-jwt-secret-do-not-use-in-production',
  TWILIO_AUTH_TOKEN: 'simulator-auth-token',
  TWILIO_ACCOUNT_SID: SIMULATOR_ACCOUNT_SID,
  ENCRYPTION_KEYS: [{ id: 'dev', key: Buffer.from('dev-only-encryption-key-32-bytes') }] as MasterKey[],
} as const;

type Parsed = z.infer<typeof schema>;

export interface Config {
  env: Parsed['NODE_ENV'];
  logLevel: Parsed['LOG_LEVEL'];
  database: { url: string; poolMax: number };
  temporal: {
    address: string;
    namespace: string;
    taskQueue: string;
    uiUrl: string;
    /** Origins allowed to call the codec endpoint from a browser. */
    uiOrigins: string[];
    stickyQueueTimeoutMs: number;
  };
  weaviate: { url: string; grpcPort: number; apiKey: string | undefined };
  gateway: {
    host: string;
    port: number;
    /** PUBLIC_URL, or this host and port when it is not set (see publicUrlConfigured). */
    publicUrl: string;
    publicUrlConfigured: boolean;
    corsOrigins: string[];
    webDistDir: string;
  };
  worker: {
    metricsHost: string;
    /** 0: no metrics server. */
    metricsPort: number;
    /** 0: the Temporal SDK exports no metrics. */
    temporalMetricsPort: number;
  };
  bridge: {
    host: string;
    port: number;
    /** The first of publicUrls. */
    publicUrl: string;
    /** Media-stream targets in order of preference; the gateway picks the first healthy one. */
    publicUrls: string[];
    /** How browsers reach this bridge process (listen-in). */
    advertiseUrl: string;
    instanceId: string;
    rolloverSeconds: number;
    toolTimeoutMs: number;
    /** Caller frames per append to the model (BRIDGE_APPEND_FRAMES). */
    appendFrames: number;
  };
  calls: {
    ringTimeoutSeconds: number;
    maxDurationSeconds: number;
    streamRecoverySeconds: number;
    streamAnswerTimeoutMs: number;
    reconcileAfterSeconds: number;
  };
  auth: {
    jwtSecret: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    resetTokenTtlSeconds: number;
  };
  mail: { smtpUrl: string; from: string };
  /** Master keys for secrets at rest; the first seals, all open. */
  encryption: { keys: MasterKey[] };
  organizations: { signUpEnabled: boolean };
  /** Without an account SID the platform's default is the telephony simulator's address (scripts/simulators). */
  twilio: { accountSid: string; authToken: string; apiBaseUrl: string | undefined };
  /** Without an API key the platform's default is the Realtime simulator's address. */
  openai: {
    apiKey: string;
    baseUrl: string | undefined;
    caFile: string | undefined;
    realtimeModel: string;
    /** OPENAI_API_KEY is set (else the platform's defaults apply: the simulator, local embeddings). */
    keyConfigured: boolean;
  };
  exports: { retentionSeconds: number; downloadLinkTtlSeconds: number };
  retention: { intervalMinutes: number; batchSize: number };
  analytics: { compactIntervalSeconds: number };
  knowledge: {
    fetchAllowedHosts: AllowedFetchTarget[];
    maxExtractedBytes: number;
    extractionMaxMemoryMb: number;
  };
  webhooks: {
    retry: { baseDelayMs: number; maxDelayMs: number; retryWindowMs: number };
    disableAfterMs: number;
    timeoutMs: number;
    secretOverlapMs: number;
  };
  limits: {
    requestsPerMinute: number;
    loginAttemptsPer15Minutes: number;
    loginAttemptsPerIpPer15Minutes: number;
    authFailuresPerIpPer15Minutes: number;
    maxRequestBytes: number;
    maxUploadBytes: number;
    maxDepth: number;
    maxAliases: number;
    maxTokens: number;
    maxCost: number;
    introspection: boolean;
  };
}

/** Reads and validates the whole environment once; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(blanksRemoved);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const value = env[name];
        const shown = value === undefined ? 'missing' : `got ${JSON.stringify(redact(name, value))}`;
        return `${name}: ${issue.message} (${shown})`;
      }),
    );
  }
  const c = result.data;
  const production = c.NODE_ENV === 'production';
  const missingSecrets = production
    ? (Object.keys(DEV_ONLY_DEFAULTS) as (keyof typeof DEV_ONLY_DEFAULTS)[]).filter((k) => !c[k])
    : [];
  if (missingSecrets.length) {
    throw new ConfigError(missingSecrets.map((name) => `${name}: is required when NODE_ENV=production (missing)`));
  }
  return {
    env: c.NODE_ENV,
    logLevel: c.LOG_LEVEL,
    database: { url: c.DATABASE_URL, poolMax: c.DATABASE_POOL_MAX },
    temporal: {
      address: c.TEMPORAL_ADDRESS,
      namespace: c.TEMPORAL_NAMESPACE,
      taskQueue: c.TEMPORAL_TASK_QUEUE,
      uiUrl: c.TEMPORAL_UI_URL,
      uiOrigins: c.TEMPORAL_UI_ORIGINS ?? [new URL(c.TEMPORAL_UI_URL).origin],
      stickyQueueTimeoutMs: c.TEMPORAL_STICKY_QUEUE_TIMEOUT_MS,
    },
    weaviate: { url: c.WEAVIATE_URL, grpcPort: c.WEAVIATE_GRPC_PORT, apiKey: c.WEAVIATE_API_KEY },
    gateway: {
      host: c.GATEWAY_HOST,
      port: c.GATEWAY_PORT,
      publicUrl: c.PUBLIC_URL ?? `http://${c.GATEWAY_HOST}:${c.GATEWAY_PORT}`,
      publicUrlConfigured: c.PUBLIC_URL !== undefined,
      corsOrigins: c.CORS_ORIGINS,
      webDistDir: c.WEB_DIST_DIR,
    },
    worker: {
      metricsHost: c.WORKER_METRICS_HOST,
      metricsPort: c.WORKER_METRICS_PORT,
      temporalMetricsPort: c.WORKER_TEMPORAL_METRICS_PORT,
    },
    bridge: bridgeConfig(c),
    calls: {
      ringTimeoutSeconds: c.CALL_RING_TIMEOUT_SECONDS,
      maxDurationSeconds: c.CALL_MAX_DURATION_SECONDS,
      streamRecoverySeconds: c.CALL_STREAM_RECOVERY_SECONDS,
      streamAnswerTimeoutMs: c.CALL_STREAM_ANSWER_TIMEOUT_MS,
      reconcileAfterSeconds: c.CALL_RECONCILE_AFTER_SECONDS,
    },
    auth: {
      jwtSecret: c.AUTH_JWT_SECRET ?? DEV_ONLY_DEFAULTS.AUTH_JWT_SECRET,
      accessTokenTtlSeconds: c.AUTH_ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: c.AUTH_REFRESH_TOKEN_TTL_SECONDS,
      resetTokenTtlSeconds: c.AUTH_RESET_TOKEN_TTL_SECONDS,
    },
    mail: { smtpUrl: c.SMTP_URL, from: c.MAIL_FROM },
    encryption: { keys: c.ENCRYPTION_KEYS ?? DEV_ONLY_DEFAULTS.ENCRYPTION_KEYS },
    organizations: { signUpEnabled: c.ORGANIZATION_SIGNUP === 'enabled' },
    twilio: {
      accountSid: c.TWILIO_ACCOUNT_SID ?? SIMULATOR_ACCOUNT_SID,
      authToken: c.TWILIO_AUTH_TOKEN ?? DEV_ONLY_DEFAULTS.TWILIO_AUTH_TOKEN,
      apiBaseUrl: c.TWILIO_API_BASE_URL ?? (c.TWILIO_ACCOUNT_SID ? undefined : SIMULATOR_TWILIO_API),
    },
    openai: {
      apiKey: c.OPENAI_API_KEY ?? 'simulator',
      baseUrl: c.OPENAI_BASE_URL ?? (c.OPENAI_API_KEY ? undefined : SIMULATOR_OPENAI_BASE_URL),
      caFile: c.OPENAI_CA_FILE,
      realtimeModel: c.OPENAI_REALTIME_MODEL,
      keyConfigured: c.OPENAI_API_KEY !== undefined,
    },
    exports: {
      retentionSeconds: Math.round(c.EXPORT_RETENTION_HOURS * 3600),
      downloadLinkTtlSeconds: c.DOWNLOAD_LINK_TTL_SECONDS,
    },
    retention: { intervalMinutes: c.RETENTION_INTERVAL_MINUTES, batchSize: c.RETENTION_BATCH_SIZE },
    analytics: { compactIntervalSeconds: c.ANALYTICS_COMPACT_INTERVAL_SECONDS },
    knowledge: {
      fetchAllowedHosts: c.FETCH_ALLOWED_HOSTS,
      maxExtractedBytes: c.MAX_EXTRACTED_BYTES,
      extractionMaxMemoryMb: c.EXTRACTION_MAX_MEMORY_MB,
    },
    webhooks: {
      retry: {
        baseDelayMs: Math.round(c.WEBHOOK_RETRY_BASE_SECONDS * 1000),
        maxDelayMs: Math.round(c.WEBHOOK_RETRY_MAX_DELAY_SECONDS * 1000),
        retryWindowMs: Math.round(c.WEBHOOK_RETRY_WINDOW_SECONDS * 1000),
      },
      disableAfterMs: Math.round(c.WEBHOOK_DISABLE_AFTER_SECONDS * 1000),
      timeoutMs: c.WEBHOOK_TIMEOUT_MS,
      secretOverlapMs: c.WEBHOOK_SECRET_OVERLAP_SECONDS * 1000,
    },
    limits: {
      requestsPerMinute: c.RATE_LIMIT_PER_MINUTE,
      loginAttemptsPer15Minutes: c.LOGIN_ATTEMPTS_PER_15_MINUTES,
      loginAttemptsPerIpPer15Minutes: c.LOGIN_ATTEMPTS_PER_IP_PER_15_MINUTES,
      authFailuresPerIpPer15Minutes: c.AUTH_FAILURES_PER_IP_PER_15_MINUTES,
      maxRequestBytes: c.MAX_REQUEST_BYTES,
      maxUploadBytes: c.MAX_UPLOAD_BYTES,
      maxDepth: c.GRAPHQL_MAX_DEPTH,
      maxAliases: c.GRAPHQL_MAX_ALIASES,
      maxTokens: c.GRAPHQL_MAX_TOKENS,
      maxCost: c.GRAPHQL_MAX_COST,
      introspection: c.GRAPHQL_INTROSPECTION ? c.GRAPHQL_INTROSPECTION === 'true' : !production,
    },
  };
}

function bridgeConfig(c: Parsed): Config['bridge'] {
  const own = `ws://${c.BRIDGE_HOST}:${c.BRIDGE_PORT}`;
  const publicUrls = (c.BRIDGE_PUBLIC_URL ?? [own]).map((u) => u.replace(/\/$/, ''));
  return {
    host: c.BRIDGE_HOST,
    port: c.BRIDGE_PORT,
    publicUrl: publicUrls[0] as string,
    publicUrls,
    advertiseUrl: (c.BRIDGE_ADVERTISE_URL ?? (publicUrls.length === 1 ? publicUrls[0] : own) ?? own).replace(/\/$/, ''),
    instanceId: c.BRIDGE_INSTANCE_ID,
    rolloverSeconds: c.REALTIME_SESSION_ROLLOVER_SECONDS,
    toolTimeoutMs: c.BRIDGE_TOOL_TIMEOUT_MS,
    appendFrames: c.BRIDGE_APPEND_FRAMES,
  };
}

function redact(name: string, value: string): string {
  if (/KEY|TOKEN|SECRET|PASSWORD/.test(name)) return '***';
  if (name === 'SMTP_URL') return value.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  if (name === 'DATABASE_URL') return value.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  return value;
}

/** Loads `.env` from the working directory when present; real environment variables win. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
