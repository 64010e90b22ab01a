import type { ResultOf } from '@graphql-typed-document-node/core';
import { formatMs } from '../../format.ts';
import { graphql } from '../../gql/gql.ts';

const CallLatencyFields = graphql(`
  fragment CallLatencyFields on CallLatency { samples p50Ms p95Ms averageMs lastMs }
`);
export type CallLatency = ResultOf<typeof CallLatencyFields>;

/** How fast the agent answers the caller: replies measured, the last one, median, p95 and average. */
export function Latency(props: { latency: CallLatency | null }) {
  const stat = (label: string, testId: string, value: () => string) => (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value()}</dd>
    </div>
  );
  return (
    <section class="card" aria-label="Latency">
      <h2>Response latency</h2>
      <p class="hint">From the caller's end of speech to the agent's first audio back.</p>
      <dl class="facts latency" data-testid="latency">
        {stat('Replies measured', 'latency-samples', () => String(props.latency?.samples ?? 0))}
        {stat('Last', 'latency-last', () => formatMs(props.latency?.lastMs))}
        {stat('Median (p50)', 'latency-p50', () => formatMs(props.latency?.p50Ms))}
        {stat('p95', 'latency-p95', () => formatMs(props.latency?.p95Ms))}
        {stat('Average', 'latency-average', () => formatMs(props.latency?.averageMs))}
      </dl>
    </section>
  );
}
