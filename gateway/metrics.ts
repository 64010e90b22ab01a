/**
 * The gateway's Prometheus series on `/metrics` (prom-client): HTTP request and GraphQL operation
 * latency, subscriptions open and the executions serving them, and calls active by status (read from Postgres at scrape time, so
 * every gateway replica reports the same platform-wide figure). One registry per app, so several
 * gateways in one process (tests) do not share series.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Orm } from '../db/orm.ts';
import { CALL_STATUSES, TERMINAL_CALL_STATUSES } from '../workflows/definitions/call.ts';

const ACTIVE_STATUSES = CALL_STATUSES.filter((status) => !TERMINAL_CALL_STATUSES.includes(status));
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** A route's label: a fixed set, never the raw path (ids would make a series per call). */
export function routeLabel(path: string): string {
  if (path === '/graphql' || path === '/metrics' || path === '/healthz' || path === '/readyz') return path;
  if (path.startsWith('/downloads/')) return '/downloads';
  if (path.startsWith('/twilio/')) return '/twilio';
  return 'static';
}

export function createGatewayMetrics(orm: Orm, sharedStreams: () => { streams: number } = () => ({ streams: 0 })) {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'gateway' });
  collectDefaultMetrics({ register: registry });

  const requestSeconds = new Histogram({
    name: 'gateway_http_request_duration_seconds',
    help: 'HTTP requests by route, method and status code.',
    labelNames: ['route', 'method', 'code'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const operationSeconds = new Histogram({
    name: 'gateway_graphql_operation_duration_seconds',
    help: 'GraphQL operations (query, mutation) from execution start to result, by type and outcome.',
    labelNames: ['operation', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const subscriptionsOpen = new Gauge({
    name: 'gateway_graphql_subscriptions_open',
    help: 'GraphQL subscriptions currently open over graphql-ws.',
    registers: [registry],
  });
  new Gauge({
    name: 'gateway_graphql_subscription_executions',
    help: 'Executions serving the open subscriptions: identical subscriptions (one principal, operation and variables) share one.',
    registers: [registry],
    collect() {
      this.set(sharedStreams().streams);
    },
  });
  const subscriptionsStarted = new Counter({
    name: 'gateway_graphql_subscriptions_started_total',
    help: 'GraphQL subscriptions started.',
    registers: [registry],
  });
  new Gauge({
    name: 'callplatform_calls_active',
    help: 'Calls not yet ended, by status (all organisations).',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const rows = await orm.em
        .fork()
        .execute<{ status: string; calls: string }[]>(
          `select status, count(*) as calls from call where status in (${ACTIVE_STATUSES.map(() => '?').join(', ')}) group by status`,
          [...ACTIVE_STATUSES],
        );
      this.reset();
      for (const status of ACTIVE_STATUSES) {
        this.set({ status }, Number(rows.find((row) => row.status === status)?.calls ?? 0));
      }
    },
  });

  return {
    registry,
    /** Times one HTTP request from here until its response finishes. */
    timeRequest(req: IncomingMessage, res: ServerResponse, path: string): void {
      const end = requestSeconds.startTimer({ route: routeLabel(path), method: req.method ?? 'GET' });
      res.once('finish', () => end({ code: String(res.statusCode) }));
    },
    /** Starts timing an operation; call the result with whether it produced errors. */
    timeOperation(operation: string): (failed: boolean) => void {
      const end = operationSeconds.startTimer({ operation });
      return (failed) => end({ outcome: failed ? 'error' : 'ok' });
    },
    subscriptionOpened(): () => void {
      subscriptionsStarted.inc();
      subscriptionsOpen.inc();
      let closed = false;
      return () => {
        if (closed) return;
        closed = true;
        subscriptionsOpen.dec();
      };
    },
    async serve(res: ServerResponse): Promise<void> {
      const body = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType });
      res.end(body);
    },
  };
}

export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;
