import { For, Show } from 'solid-js';
import { formatSentiment, type SentimentPoint } from '../quality.ts';

const WIDTH = 560;
const HEIGHT = 180;
const PAD = { left: 34, right: 12, top: 10, bottom: 22 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

/** Where a sentiment (−1…1) sits vertically. */
const yOf = (value: number) => PAD.top + ((1 - Math.max(-1, Math.min(1, value))) / 2) * PLOT_H;

/**
 * The caller's sentiment through the call: each customer line's compound score as a dot, the call's
 * rolling sentiment as a line, and the business's alert threshold as a dashed line.
 */
export function SentimentChart(props: { points: SentimentPoint[]; threshold: number | null; current: number | null }) {
  // Lines are spread evenly: what matters is their order, not the pauses between them.
  const xOf = (index: number) =>
    PAD.left + (props.points.length <= 1 ? PLOT_W / 2 : (index / (props.points.length - 1)) * PLOT_W);
  const rollingPath = () => props.points.map((p, i) => `${xOf(i).toFixed(1)},${yOf(p.rolling).toFixed(1)}`).join(' ');
  const below = (value: number) => props.threshold !== null && value <= props.threshold;

  return (
    <section class="card" aria-label="Sentiment">
      <h2>
        Caller sentiment{' '}
        <span class="badge" data-testid="sentiment-current" title="The call's rolling sentiment now">
          {formatSentiment(props.current)}
        </span>
      </h2>
      <Show when={props.points.length} fallback={<p class="muted">No caller line has been scored yet.</p>}>
        <svg
          class="sentiment-chart"
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          role="img"
          aria-label={`Caller sentiment over ${props.points.length} lines, now ${formatSentiment(props.current)}`}
          data-testid="sentiment-chart"
        >
          <For each={[1, 0.5, 0, -0.5, -1]}>
            {(value) => (
              <g class="axis">
                <line x1={PAD.left} x2={WIDTH - PAD.right} y1={yOf(value)} y2={yOf(value)} />
                <text x={PAD.left - 6} y={yOf(value) + 4} text-anchor="end">
                  {value}
                </text>
              </g>
            )}
          </For>
          <Show when={props.threshold !== null}>
            <g class="threshold" data-testid="sentiment-threshold" data-value={props.threshold ?? ''}>
              <line
                x1={PAD.left}
                x2={WIDTH - PAD.right}
                y1={yOf(props.threshold ?? 0)}
                y2={yOf(props.threshold ?? 0)}
              />
              <text x={WIDTH - PAD.right} y={yOf(props.threshold ?? 0) - 4} text-anchor="end">
                alert {formatSentiment(props.threshold)}
              </text>
            </g>
          </Show>
          <polyline class="rolling" points={rollingPath()} data-testid="sentiment-rolling" />
          <For each={props.points}>
            {(point, i) => (
              <circle
                class={`point point-${point.label}`}
                classList={{ alert: below(point.compound) }}
                cx={xOf(i())}
                cy={yOf(point.compound)}
                r={5}
                data-testid="sentiment-point"
                data-sequence={point.sequence}
                data-compound={point.compound}
                data-label={point.label}
              >
                <title>
                  Line {point.sequence}: {point.label} {formatSentiment(point.compound)}, rolling{' '}
                  {formatSentiment(point.rolling)}
                </title>
              </circle>
            )}
          </For>
          <text class="axis-label" x={PAD.left} y={HEIGHT - 6}>
            first caller line
          </text>
          <text class="axis-label" x={WIDTH - PAD.right} y={HEIGHT - 6} text-anchor="end">
            latest
          </text>
        </svg>
        <p class="legend">
          <span class="key key-point">each caller line</span>
          <span class="key key-rolling">rolling sentiment</span>
          <Show when={props.threshold !== null}>
            <span class="key key-threshold">alert threshold</span>
          </Show>
        </p>
      </Show>
    </section>
  );
}
