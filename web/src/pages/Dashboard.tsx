import type { ResultOf } from '@graphql-typed-document-node/core';
import { A, useLocation } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { For, Show } from 'solid-js';
import { type Change, changeOf, formatFixed, formatPercent, formatSeconds } from '../analytics.ts';
import { AnalyticsFilters, createAnalyticsView } from '../components/AnalyticsFilters.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { graphql } from '../gql/gql.ts';
import { dataOf, describeError, messageOf } from '../graphql.ts';

const OverviewFieldsFragment = graphql(`
  fragment OverviewFields on OverviewFigures {
    calls answered answeredRate averageMinutes averageHandleSeconds containmentRate averageQaScore
    averageSentiment escalated escalationRate totalMinutes
  }
`);
const OverviewQuery = graphql(`
  query ConsoleAnalyticsOverview($range: AnalyticsRange!, $filter: AnalyticsFilter) {
    analytics(range: $range, filter: $filter) {
      __typename
      ... on QueryAnalyticsSuccess {
        data {
          overview {
            activeNow
            current { ...OverviewFields }
            previous { ...OverviewFields }
          }
        }
      }
      ... on Error { message }
    }
  }
`);

type Figures = ResultOf<typeof OverviewFieldsFragment>;

interface Tile {
  key: string;
  label: string;
  value: (f: Figures) => number | null | undefined;
  format: (value: number | null | undefined) => string;
  unit: 'percent' | 'points';
  /** Which way is good news (green; the other red); volumes and durations are neither. */
  better?: 'up' | 'down';
}

const TILES: Tile[] = [
  { key: 'calls', label: 'Calls', value: (f) => f.calls, format: (v) => String(v ?? 0), unit: 'percent' },
  {
    key: 'answered-rate',
    label: 'Answered',
    value: (f) => f.answeredRate,
    format: formatPercent,
    unit: 'points',
    better: 'up',
  },
  {
    key: 'average-minutes',
    label: 'Average minutes',
    value: (f) => f.averageMinutes,
    format: (v) => formatFixed(v, 1),
    unit: 'percent',
  },
  {
    key: 'average-handle',
    label: 'Average handle time',
    value: (f) => f.averageHandleSeconds,
    format: formatSeconds,
    unit: 'percent',
  },
  {
    key: 'containment',
    label: 'AI containment',
    value: (f) => f.containmentRate,
    format: formatPercent,
    unit: 'points',
    better: 'up',
  },
  {
    key: 'qa',
    label: 'Average QA',
    value: (f) => f.averageQaScore,
    format: (v) => formatFixed(v, 2),
    unit: 'percent',
    better: 'up',
  },
  {
    key: 'sentiment',
    label: 'Average sentiment',
    value: (f) => f.averageSentiment,
    format: (v) => formatFixed(v, 2),
    // Sentiment crosses zero: a percentage of it says nothing.
    unit: 'points',
    better: 'up',
  },
  {
    key: 'escalation-rate',
    label: 'Escalation rate',
    value: (f) => f.escalationRate,
    format: formatPercent,
    unit: 'points',
    better: 'down',
  },
];

/** The first page after sign-in: the operation's figures for a range, each against the period before. */
export function Dashboard() {
  const state = createAnalyticsView();
  const location = useLocation();
  const [result] = createQuery({
    query: OverviewQuery,
    variables: () => ({ range: state.view().range, filter: state.view().filter }),
  });
  const overview = () => dataOf(result.data?.analytics)?.overview;
  const problem = () => (result.error ? describeError(result.error) : (messageOf(result.data?.analytics) ?? ''));

  return (
    <section class="dashboard">
      <h1>Dashboard</h1>
      <AnalyticsFilters state={state} />
      <ErrorAlert message={problem()} />
      <Show when={overview()} fallback={<p class="muted">{result.fetching ? 'Loading…' : ''}</p>}>
        {(o) => (
          <section class="tiles" aria-label="Figures">
            <For each={TILES}>
              {(tile) => (
                <MetricTile
                  tile={tile}
                  value={tile.format(tile.value(o().current))}
                  change={changeOf(tile.value(o().current), tile.value(o().previous), tile.unit)}
                />
              )}
            </For>
            <div class="tile" data-testid="tile-active-now">
              <span class="tile-label">Active now</span>
              <strong class="tile-value">{o().activeNow}</strong>
              <span class="muted">calls not yet ended</span>
            </div>
          </section>
        )}
      </Show>
      <p>
        <A href={`/analytics${location.search}`}>Charts and exports →</A>
      </p>
    </section>
  );
}

function MetricTile(props: { tile: Tile; value: string; change: Change | undefined }) {
  const moved = () => !!props.change && props.change.direction !== 'flat' && !!props.tile.better;
  const good = () => moved() && props.change?.direction === props.tile.better;
  return (
    <div class="tile" data-testid={`tile-${props.tile.key}`}>
      <span class="tile-label">{props.tile.label}</span>
      <strong class="tile-value" data-testid="tile-value">
        {props.value}
      </strong>
      <span
        class={`change change-${props.change?.direction ?? 'none'}`}
        classList={{ good: good(), bad: moved() && !good() }}
        data-testid="tile-change"
        data-direction={props.change?.direction ?? 'none'}
        title="Against the previous period of the same length"
      >
        {props.change
          ? `${props.change.direction === 'up' ? '▲' : props.change.direction === 'down' ? '▼' : '■'} ${props.change.text}`
          : 'no previous figure'}
      </span>
    </div>
  );
}
