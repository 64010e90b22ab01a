import { createQuery } from '@urql/solid';
import type { ChartConfiguration, ScriptableContext } from 'chart.js';
import { createMemo, For, Show } from 'solid-js';
import { bucketLabel, formatPercent, WEEKDAYS } from '../analytics.ts';
import { AnalyticsChart } from '../components/AnalyticsChart.tsx';
import { AnalyticsFilters, createAnalyticsView } from '../components/AnalyticsFilters.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ExportsPanel } from '../components/ExportsPanel.tsx';
import { statusLabel } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import type { AnalyticsBucket } from '../gql/graphql.ts';
import { dataOf, describeError, messageOf } from '../graphql.ts';
import { can, useViewer } from '../viewer.tsx';

const ChartsQuery = graphql(`
  query ConsoleAnalyticsCharts($range: AnalyticsRange!, $filter: AnalyticsFilter, $bucket: AnalyticsBucket!) {
    analytics(range: $range, filter: $filter) {
      __typename
      ... on QueryAnalyticsSuccess {
        data {
          period { timeZone }
          volume(bucket: $bucket) {
            __typename
            ... on AnalyticsVolumeSuccess {
              data {
                buckets { start calls previousCalls answered escalated averageQaScore averageSentiment }
                heatmap { weekday hour calls }
              }
            }
            ... on Error { message }
          }
          quality { scored averageScore distribution { from to calls } }
          sentiment { calls negative neutral positive }
          escalations { total byTrigger { reason count } }
          campaigns {
            campaignId name status calls answered answerRate retries contactsTotal contactsDialled
            byHour { hour calls answered }
            contacts { status contacts }
          }
        }
      }
      ... on Error { message }
    }
  }
`);

const HOURS = Array.from({ length: 24 }, (_, hour) => String(hour).padStart(2, '0'));
const BLUE = '#2f6fed';
const GREY = '#9aa5b1';
const GREEN = '#2e9e5b';
const AMBER = '#d89614';
const RED = '#d64545';

/** A single day is shown by the hour; up to three months by the day; longer by the week. */
function bucketFor(from: string, to: string): AnalyticsBucket {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  return days <= 1 ? 'HOUR' : days <= 92 ? 'DAY' : 'WEEK';
}

const axes = (yTitle: string, extra: Record<string, unknown> = {}) => ({
  scales: {
    x: { ticks: { autoSkip: true, maxRotation: 0 } },
    y: { beginAtZero: true, title: { display: true, text: yTitle }, ...extra },
  },
});

/** Charts of a range: volume against the previous period, QA and sentiment, escalations, and when calls come in. */
export function Analytics() {
  const viewer = useViewer();
  const state = createAnalyticsView();
  const bucket = () => bucketFor(state.view().range.from, state.view().range.to);
  const [result] = createQuery({
    query: ChartsQuery,
    variables: () => ({ range: state.view().range, filter: state.view().filter, bucket: bucket() }),
  });
  const analytics = () => dataOf(result.data?.analytics);
  const volume = () => dataOf(analytics()?.volume);
  const problem = () =>
    result.error
      ? describeError(result.error)
      : (messageOf(result.data?.analytics) ?? messageOf(analytics()?.volume) ?? '');
  const labels = createMemo(() => {
    const timeZone = analytics()?.period.timeZone ?? state.view().range.timeZone;
    return (volume()?.buckets ?? []).map((b) => bucketLabel(b.start, timeZone, bucket() === 'HOUR'));
  });
  const buckets = () => volume()?.buckets ?? [];
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

  const volumeConfig = (): ChartConfiguration => ({
    type: 'bar',
    data: {
      labels: labels(),
      datasets: [
        { label: 'Calls', data: buckets().map((b) => b.calls), backgroundColor: BLUE },
        { label: 'Answered', data: buckets().map((b) => b.answered), backgroundColor: GREEN },
        {
          type: 'line',
          label: 'Previous period',
          data: buckets().map((b) => b.previousCalls),
          borderColor: GREY,
          borderDash: [6, 4],
          pointRadius: 2,
        },
      ],
    },
    options: axes('calls', { ticks: { precision: 0 } }),
  });

  const trendConfig = (): ChartConfiguration => ({
    type: 'line',
    data: {
      labels: labels(),
      datasets: [
        {
          label: 'Average QA',
          data: buckets().map((b) => b.averageQaScore ?? null),
          borderColor: BLUE,
          spanGaps: true,
        },
        {
          label: 'Average sentiment',
          data: buckets().map((b) => b.averageSentiment ?? null),
          borderColor: AMBER,
          spanGaps: true,
        },
      ],
    },
    options: axes('score', { beginAtZero: false, min: -1, max: 1 }),
  });

  const distribution = () => analytics()?.quality.distribution ?? [];
  const qaConfig = (): ChartConfiguration => ({
    type: 'bar',
    data: {
      labels: distribution().map((band) => `${band.from.toFixed(1)}–${band.to.toFixed(1)}`),
      datasets: [{ label: 'Calls', data: distribution().map((band) => band.calls), backgroundColor: BLUE }],
    },
    options: { ...axes('calls', { ticks: { precision: 0 } }), plugins: { legend: { display: false } } },
  });

  const sentiment = () => analytics()?.sentiment;
  const sentimentConfig = (): ChartConfiguration => ({
    type: 'bar',
    data: {
      labels: ['Negative', 'Neutral', 'Positive'],
      datasets: [
        {
          label: 'Calls',
          data: [sentiment()?.negative ?? 0, sentiment()?.neutral ?? 0, sentiment()?.positive ?? 0],
          backgroundColor: [RED, GREY, GREEN],
        },
      ],
    },
    options: { ...axes('calls', { ticks: { precision: 0 } }), plugins: { legend: { display: false } } },
  });

  const triggers = () => analytics()?.escalations.byTrigger ?? [];
  const escalationsConfig = (): ChartConfiguration => ({
    type: 'bar',
    data: {
      labels: triggers().map((t) => t.reason.toLowerCase()),
      datasets: [{ label: 'Escalations', data: triggers().map((t) => t.count), backgroundColor: AMBER }],
    },
    options: {
      indexAxis: 'y',
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { display: false } },
    },
  });

  const campaigns = () => analytics()?.campaigns ?? [];
  /** Filtered to one campaign: its answer rate by the local hour its calls were placed in. */
  const chosenCampaign = () =>
    state.view().filter.campaignId
      ? campaigns().find((c) => c.campaignId === state.view().filter.campaignId)
      : undefined;
  const answerByHourConfig = (): ChartConfiguration => {
    const byHour = new Map((chosenCampaign()?.byHour ?? []).map((h) => [h.hour, h]));
    return {
      type: 'bar',
      data: {
        labels: HOURS,
        datasets: [
          {
            label: 'Answer rate',
            data: HOURS.map((_, hour) => {
              const h = byHour.get(hour);
              return h && h.calls > 0 ? h.answered / h.calls : null;
            }),
            backgroundColor: GREEN,
          },
        ],
      },
      options: { ...axes('Answered ÷ calls', { max: 1 }), plugins: { legend: { display: false } } },
    };
  };
  const heatmap = () => volume()?.heatmap ?? [];
  const busiest = () => Math.max(1, ...heatmap().map((cell) => cell.calls));
  const heatmapConfig = (): ChartConfiguration => ({
    type: 'matrix',
    data: {
      datasets: [
        {
          label: 'Calls',
          data: heatmap().map((cell) => ({ x: HOURS[cell.hour]!, y: WEEKDAYS[cell.weekday - 1]!, v: cell.calls })),
          backgroundColor: (context: ScriptableContext<'matrix'>) => {
            const value = (context.raw as { v?: number } | undefined)?.v ?? 0;
            return `rgba(47, 111, 237, ${0.15 + (0.85 * value) / busiest()})`;
          },
          width: ({ chart }) => (chart.chartArea?.width ?? 0) / HOURS.length - 2,
          height: ({ chart }) => (chart.chartArea?.height ?? 0) / WEEKDAYS.length - 2,
        },
      ],
    },
    options: {
      scales: {
        x: {
          type: 'category',
          labels: HOURS,
          offset: true,
          title: { display: true, text: 'local hour' },
          grid: { display: false },
        },
        y: { type: 'category', labels: [...WEEKDAYS], offset: true, reverse: true, grid: { display: false } },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: () => '',
            label: (context) => {
              const raw = context.raw as { x: string; y: string; v: number };
              return `${raw.y} ${raw.x}:00 — ${raw.v} calls`;
            },
          },
        },
      },
    },
  });

  return (
    <section class="analytics">
      <h1>Analytics</h1>
      <AnalyticsFilters state={state} />
      <ErrorAlert message={problem()} />
      <Show when={analytics()} fallback={<p class="muted">{result.fetching ? 'Loading…' : ''}</p>}>
        <div class="chart-grid">
          <section class="card wide" aria-label="Volume">
            <h2>Volume over time</h2>
            <AnalyticsChart
              testId="chart-volume"
              summary={`${sum(buckets().map((b) => b.calls))} calls, ${sum(buckets().map((b) => b.previousCalls))} in the previous period`}
              points={buckets().length}
              config={volumeConfig}
            />
          </section>
          <section class="card wide" aria-label="QA and sentiment trend">
            <h2>QA and sentiment trend</h2>
            <AnalyticsChart
              testId="chart-trend"
              summary="Average QA score and caller sentiment per bucket"
              points={buckets().filter((b) => b.averageQaScore !== null || b.averageSentiment !== null).length}
              config={trendConfig}
            />
          </section>
          <section class="card" aria-label="QA distribution">
            <h2>QA distribution</h2>
            <AnalyticsChart
              testId="chart-qa"
              summary={`${analytics()?.quality.scored ?? 0} scored calls by score band`}
              points={sum(distribution().map((band) => band.calls))}
              config={qaConfig}
            />
          </section>
          <section class="card" aria-label="Sentiment distribution">
            <h2>Caller sentiment</h2>
            <AnalyticsChart
              testId="chart-sentiment"
              summary={`${sentiment()?.negative ?? 0} negative, ${sentiment()?.neutral ?? 0} neutral, ${sentiment()?.positive ?? 0} positive`}
              points={sentiment()?.calls ?? 0}
              config={sentimentConfig}
            />
          </section>
          <section class="card" aria-label="Escalations by trigger">
            <h2>Escalations by trigger</h2>
            <AnalyticsChart
              testId="chart-escalations"
              summary={`${analytics()?.escalations.total ?? 0} escalations by trigger`}
              points={sum(triggers().map((t) => t.count))}
              config={escalationsConfig}
            />
          </section>
          <section class="card wide" aria-label="Calls by hour and weekday">
            <h2>Calls by hour and weekday</h2>
            <AnalyticsChart
              testId="chart-heatmap"
              summary={`Calls by local hour and weekday, busiest hour ${busiest()} calls`}
              points={sum(heatmap().map((cell) => cell.calls))}
              config={heatmapConfig}
              height={240}
            />
          </section>
          <Show when={campaigns().length > 0}>
            <section class="card wide" aria-label="Campaigns">
              <h2>Campaigns</h2>
              <table data-testid="analytics-campaigns">
                <thead>
                  <tr>
                    <th>Campaign</th>
                    <th>Calls</th>
                    <th>Answer rate</th>
                    <th>Retries</th>
                    <th>Dialled</th>
                    <th>Contacts now</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={campaigns()}>
                    {(c) => (
                      <tr data-campaign-id={c.campaignId}>
                        <td>
                          <button
                            type="button"
                            class="link"
                            title="Show only this campaign's calls"
                            onClick={() => state.setParams({ campaign: c.campaignId })}
                          >
                            {c.name}
                          </button>{' '}
                          <span class="muted">{statusLabel(c.status)}</span>
                        </td>
                        <td>{c.calls}</td>
                        <td>{formatPercent(c.answerRate)}</td>
                        <td>{c.retries}</td>
                        <td>
                          {c.contactsDialled} of {c.contactsTotal}
                        </td>
                        <td class="funnel">
                          {c.contacts.map((s) => `${statusLabel(s.status)} ${s.contacts}`).join(' · ')}
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </section>
          </Show>
          <Show when={chosenCampaign()}>
            {(c) => (
              <section class="card wide" aria-label="Answer rate by hour">
                <h2>Answer rate by hour: {c().name}</h2>
                <AnalyticsChart
                  testId="chart-answer-by-hour"
                  summary={`${c().answered} of ${c().calls} calls answered, by the local hour they were placed in`}
                  points={c().byHour.length}
                  config={answerByHourConfig}
                />
              </section>
            )}
          </Show>
        </div>
      </Show>
      <Show when={can(viewer, 'EXPORTS_CREATE')}>
        <ExportsPanel view={state.view()} />
      </Show>
    </section>
  );
}
