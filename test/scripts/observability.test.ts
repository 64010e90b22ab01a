import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { createWorkerMetrics } from '../../activities/metrics.ts';
import { BridgeMetrics } from '../../bridge/metrics.ts';
import { type Orm, openOrm } from '../../db/orm.ts';
import { createGatewayMetrics } from '../../gateway/metrics.ts';
import { TEST_DATABASE_URL } from '../support/env.ts';

const DASHBOARD = 'scripts/observability/grafana/dashboards/callplatform.json';
const PROMETHEUS = 'scripts/observability/prometheus.yml';

interface Panel {
  type: string;
  title: string;
  targets?: { expr: string }[];
}

let orm: Orm;

beforeAll(async () => {
  orm = await openOrm(TEST_DATABASE_URL, 1);
});
afterAll(async () => {
  await orm?.close();
});

/** The series names an expression reads, without a histogram's `_bucket`, `_count` or `_sum`. */
const seriesOf = (expr: string): string[] =>
  [...expr.matchAll(/\b(?:gateway|bridge|worker|callplatform|temporal)_[a-z_]+/g)].map(([name]) =>
    name.replace(/_(bucket|count|sum)$/, ''),
  );

describe('the Grafana dashboard and the Prometheus configuration', () => {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { uid: string; panels: Panel[] };
  const charts = dashboard.panels.filter((panel) => panel.type !== 'row');

  it('chart only series the gateway, bridge and worker register (the Temporal SDK series are checked against a scrape)', async () => {
    const registered = new Set(
      [createGatewayMetrics(orm).registry, new BridgeMetrics().registry, createWorkerMetrics().registry].flatMap(
        (registry) => registry.getMetricsAsArray().map((metric) => metric.name),
      ),
    );
    const charted = charts.flatMap((panel) => (panel.targets ?? []).flatMap((target) => seriesOf(target.expr)));
    const ours = charted.filter((name) => !name.startsWith('temporal_'));
    expect(ours.length).toBeGreaterThanOrEqual(12);
    expect(ours.filter((name) => !registered.has(name))).toEqual([]);
  });

  it('has a chart for each key figure', () => {
    const exprs = charts.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr)).join('\n');
    for (const series of [
      'gateway_http_request_duration_seconds_bucket',
      'gateway_graphql_operation_duration_seconds_count',
      'gateway_graphql_subscriptions_open',
      'callplatform_calls_active',
      'bridge_media_frames_total',
      'bridge_added_latency_seconds_bucket',
      'bridge_reply_latency_seconds_bucket',
      'bridge_realtime_errors_total',
      'worker_webhook_delivery_attempts_total',
      'worker_emails_total',
      'worker_campaign_dials_total',
      'temporal_workflow_task_schedule_to_start_latency_bucket',
    ]) {
      expect(exprs).toContain(series);
    }
    expect(new Set(charts.map((panel) => panel.title)).size).toBe(charts.length);
  });

  it('scrapes the gateway, the bridge, the worker and its Temporal SDK exporter at their ports', () => {
    const config = parse(readFileSync(PROMETHEUS, 'utf8')) as {
      scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
    };
    const targets = Object.fromEntries(
      config.scrape_configs.map((job) => [job.job_name, job.static_configs.flatMap((c) => c.targets)]),
    );
    expect(targets).toEqual({
      gateway: ['gateway:4000'],
      bridge: ['bridge:8081'],
      worker: ['worker:9464'],
      'worker-temporal': ['worker:9465'],
    });
  });
});
