/**
 * The worker's Prometheus series (prom-client, a registry of its own): webhook delivery attempts and
 * emails by outcome, and campaign dials (a counter, so `rate()` is the dial rate). Served with
 * `/healthz` (the process is up) and `/readyz` (Postgres, Temporal and Weaviate reachable) on
 * WORKER_METRICS_PORT; the Temporal SDK's own series are on WORKER_TEMPORAL_METRICS_PORT.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, collectDefaultMetrics, Registry } from 'prom-client';
import type { HealthReport } from '../lib/health.ts';
import type { Mailer } from '../lib/mailer.ts';

/** How a webhook attempt went (the delivery activity's AttemptOutcome). */
const WEBHOOK_OUTCOMES = ['delivered', 'failed', 'abandoned'] as const;

export function createWorkerMetrics() {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'worker' });
  collectDefaultMetrics({ register: registry });
  const webhookAttempts = new Counter({
    name: 'worker_webhook_delivery_attempts_total',
    help: 'Webhook delivery attempts sent, by outcome (delivered, failed, abandoned).',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const emails = new Counter({
    name: 'worker_emails_total',
    help: 'Emails handed to SMTP, by outcome (sent, failed).',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const dials = new Counter({
    name: 'worker_campaign_dials_total',
    help: 'Calls campaigns dialled (each one a call recorded and its workflow started).',
    registers: [registry],
  });
  for (const outcome of WEBHOOK_OUTCOMES) webhookAttempts.inc({ outcome }, 0);
  for (const outcome of ['sent', 'failed']) emails.inc({ outcome }, 0);
  return {
    registry,
    webhookAttempted(outcome: (typeof WEBHOOK_OUTCOMES)[number]): void {
      webhookAttempts.inc({ outcome });
    },
    dialled(calls: number): void {
      dials.inc(calls);
    },
    /** The same mailer, with each send counted by how it went. */
    counted(mailer: Mailer): Mailer {
      return {
        send: async (mail) => {
          try {
            await mailer.send(mail);
          } catch (error) {
            emails.inc({ outcome: 'failed' });
            throw error;
          }
          emails.inc({ outcome: 'sent' });
        },
        verify: () => mailer.verify(),
        close: () => mailer.close(),
      };
    },
  };
}

export type WorkerMetrics = ReturnType<typeof createWorkerMetrics>;

/** `/metrics`, `/healthz` and `/readyz` on `host:port`; resolves with the port once listening. */
export function serveWorkerMetrics(
  metrics: WorkerMetrics,
  health: () => Promise<HealthReport>,
  host: string,
  port: number,
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const answer = async () => {
      if (path === '/metrics') {
        const body = await metrics.registry.metrics();
        res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body);
      } else if (path === '/healthz') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      } else if (path === '/readyz') {
        const report = await health();
        res
          .writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' })
          .end(JSON.stringify(report));
      } else {
        res.writeHead(404).end();
      }
    };
    answer().catch(() => res.writeHead(500).end());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve({ server, port: (server.address() as AddressInfo).port }));
  });
}
