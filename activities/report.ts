/**
 * The analytics page as a PDF for a date range: the headline figures against the previous period,
 * then volume, QA, sentiment, escalations and agents, each chart drawn from the same figures the
 * console shows (db/analytics.ts).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import * as analytics from '../db/analytics.ts';
import {
  barChart,
  createPdf,
  figures,
  finish,
  formatNumber,
  formatPercent,
  heading,
  heatmap,
  lineChart,
  paragraph,
  table,
} from '../lib/pdf.ts';

const change = (current: number | null, previous: number | null) => {
  if (current === null || previous === null) return 'previous period: –';
  if (previous === 0) return `previous period: ${formatNumber(previous)}`;
  const delta = ((current - previous) / Math.abs(previous)) * 100;
  return `${delta >= 0 ? '+' : ''}${delta.toFixed(1)}% vs ${formatNumber(previous)}`;
};

export async function renderAnalyticsReport(
  em: EntityManager,
  scope: analytics.AnalyticsScope,
  title: { organization: string; range: string; filter: string },
): Promise<Buffer> {
  const [overview, volume, quality, sentiment, escalations, agents] = await Promise.all([
    analytics.overview(em.fork(), scope),
    analytics.volume(em.fork(), scope, 'day'),
    analytics.quality(em.fork(), scope),
    analytics.sentiment(em.fork(), scope),
    analytics.escalations(em.fork(), scope),
    analytics.agents(em.fork(), scope),
  ]);
  const day = new Intl.DateTimeFormat('en-GB', { timeZone: scope.timeZone, day: '2-digit', month: 'short' });
  const labels = volume.buckets.map((b) => day.format(b.start));
  const doc = createPdf(`Analytics ${title.range}`);

  doc.font('Helvetica-Bold').fontSize(18).fillColor('#111827').text(`Call analytics — ${title.organization}`);
  paragraph(doc, `${title.range} (${scope.timeZone}) · ${title.filter}`);

  const c = overview.current;
  const p = overview.previous;
  heading(doc, 'Overview');
  figures(doc, [
    { label: 'Calls', value: formatNumber(c.calls), note: change(c.calls, p.calls) },
    { label: 'Answered rate', value: formatPercent(c.answeredRate), note: change(c.answeredRate, p.answeredRate) },
    { label: 'Total minutes', value: formatNumber(c.totalMinutes, 1), note: change(c.totalMinutes, p.totalMinutes) },
    {
      label: 'Average minutes',
      value: formatNumber(c.averageMinutes, 2),
      note: change(c.averageMinutes, p.averageMinutes),
    },
    {
      label: 'Average handle time (s)',
      value: formatNumber(c.averageHandleSeconds, 0),
      note: change(c.averageHandleSeconds, p.averageHandleSeconds),
    },
    {
      label: 'AI containment',
      value: formatPercent(c.containmentRate),
      note: change(c.containmentRate, p.containmentRate),
    },
    {
      label: 'Average QA score',
      value: formatNumber(c.averageQaScore),
      note: change(c.averageQaScore, p.averageQaScore),
    },
    {
      label: 'Average caller sentiment',
      value: formatNumber(c.averageSentiment),
      note: change(c.averageSentiment, p.averageSentiment),
    },
    {
      label: 'Escalation rate',
      value: formatPercent(c.escalationRate),
      note: change(c.escalationRate, p.escalationRate),
    },
  ]);

  heading(doc, 'Call volume by day');
  barChart(
    doc,
    labels,
    { label: 'calls', values: volume.buckets.map((b) => b.calls) },
    { label: 'previous period', values: volume.buckets.map((b) => b.previousCalls) },
  );
  table(
    doc,
    ['Status', 'Calls'],
    volume.byStatus.map((s) => [s.status, formatNumber(s.calls)]),
  );
  heading(doc, 'Calls by weekday and hour', 11);
  heatmap(doc, volume.heatmap);

  heading(doc, 'Quality');
  figures(doc, [
    { label: 'Scored calls', value: formatNumber(quality.scored) },
    { label: 'Average QA score', value: formatNumber(quality.averageScore) },
    { label: 'Reviewer overrides', value: formatNumber(quality.overrides) },
  ]);
  lineChart(doc, labels, { label: 'average QA score', values: volume.buckets.map((b) => b.averageQaScore) }, [0, 1]);
  barChart(
    doc,
    quality.distribution.map((band) => `${band.from.toFixed(1)}–${band.to.toFixed(1)}`),
    { label: 'calls by QA score', values: quality.distribution.map((band) => band.calls) },
    undefined,
    90,
  );
  table(
    doc,
    ['Most frequent violations', 'Severity', 'Count'],
    quality.topViolations.map((v) => [v.rule, v.severity, formatNumber(v.count)]),
  );

  heading(doc, 'Caller sentiment');
  figures(doc, [
    { label: 'Average', value: formatNumber(sentiment.average) },
    {
      label: 'Negative / neutral / positive',
      value: `${sentiment.negative} / ${sentiment.neutral} / ${sentiment.positive}`,
    },
    { label: 'Negative to positive', value: formatNumber(sentiment.recovered) },
  ]);
  lineChart(
    doc,
    labels,
    { label: 'average caller sentiment', values: volume.buckets.map((b) => b.averageSentiment) },
    [-1, 1],
  );

  heading(doc, 'Escalations');
  figures(doc, [
    { label: 'Escalations', value: formatNumber(escalations.total) },
    { label: 'Accepted by an agent', value: formatPercent(escalations.acceptanceRate) },
    { label: 'Became callbacks', value: formatPercent(escalations.callbackRate) },
    { label: 'Wait to an agent p50 (s)', value: formatNumber(escalations.waitToAgentP50Seconds, 0) },
    { label: 'Wait to an agent p90 (s)', value: formatNumber(escalations.waitToAgentP90Seconds, 0) },
  ]);
  barChart(
    doc,
    escalations.byTrigger.map((t) => t.reason),
    { label: 'escalations by trigger', values: escalations.byTrigger.map((t) => t.count) },
    undefined,
    80,
  );

  heading(doc, 'Agents');
  table(
    doc,
    ['Agent', 'Handled', 'Avg handle (s)', 'QA after handoff', 'Now'],
    agents.map((a) => [
      a.name,
      formatNumber(a.callsHandled),
      formatNumber(a.averageHandleSeconds, 0),
      formatNumber(a.averageQaAfterHandoff),
      a.availability,
    ]),
  );
  return finish(doc);
}
