import type { ResultOf } from '@graphql-typed-document-node/core';
import { createEffect, For, on, Show } from 'solid-js';
import { formatOffset } from '../../format.ts';
import { graphql } from '../../gql/gql.ts';
import { formatSentiment, ruleLabel, type SentimentPoint, type Violation } from '../../quality.ts';

const TranscriptLineFields = graphql(`
  fragment TranscriptLineFields on TranscriptLine {
    sequence speaker text startMs endMs interrupted
    citations { chunkId entryId title heading sourceUrl score similarity }
  }
`);
const LiveLineFields = graphql(`
  fragment LiveLineFields on LiveTranscriptLine {
    sequence speaker text startMs endMs interrupted
    citations { chunkId entryId title heading sourceUrl score similarity }
  }
`);
/** A line as the transcript pages and the live events carry it. */
export type Line = ResultOf<typeof TranscriptLineFields> | ResultOf<typeof LiveLineFields>;

const SPEAKERS: Record<string, string> = {
  CUSTOMER: 'Caller',
  AI: 'AI agent',
  HUMAN_AGENT: 'Human agent',
  SYSTEM: 'System',
};

/**
 * What was said, newest at the bottom; follows new lines unless the reader has scrolled up. Caller
 * lines show their sentiment; lines with a compliance violation are highlighted with it.
 */
export function Transcript(props: {
  lines: Line[];
  live: boolean;
  sentiment: SentimentPoint[];
  violations: Violation[];
}) {
  const sentimentOf = (sequence: number) => props.sentiment.find((p) => p.sequence === sequence);
  const violationsOf = (sequence: number) => props.violations.filter((v) => v.lineSequence === sequence);
  let box: HTMLOListElement | undefined;
  let following = true;
  const onScroll = () => {
    if (box) following = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  };
  createEffect(
    on(
      () => props.lines.length,
      () => {
        if (box && following) box.scrollTop = box.scrollHeight;
      },
    ),
  );
  return (
    <section class="card" aria-label="Transcript">
      <h2>
        Transcript{' '}
        <Show when={props.live}>
          <span class="badge live-badge" data-testid="transcript-live">
            live
          </span>
        </Show>
      </h2>
      <ol class="transcript" ref={box} onScroll={onScroll} data-testid="transcript">
        <For
          each={props.lines}
          fallback={<li class="muted">{props.live ? 'Nothing has been said yet.' : 'Nothing was said.'}</li>}
        >
          {(line) => (
            <li
              id={`line-${line.sequence}`}
              class={`line speaker-${line.speaker.toLowerCase()}`}
              classList={{ flagged: violationsOf(line.sequence).length > 0 }}
              data-testid="transcript-line"
              data-sequence={line.sequence}
              data-speaker={line.speaker}
              data-violations={violationsOf(line.sequence)
                .map((v) => v.rule)
                .join(' ')}
            >
              <span class="offset">{formatOffset(line.startMs)}</span>
              <span class="speaker">{SPEAKERS[line.speaker] ?? line.speaker.toLowerCase()}</span>
              <span class="text">{line.text}</span>
              <Show when={line.interrupted}>
                <span
                  class="badge interrupted"
                  data-testid="line-interrupted"
                  title="The caller talked over the agent here: this is what they heard"
                >
                  interrupted
                </span>
              </Show>
              <Show when={sentimentOf(line.sequence)}>
                {(point) => (
                  <span
                    class={`line-sentiment sentiment-${point().label}`}
                    data-testid="line-sentiment"
                    data-label={point().label}
                    title="Sentiment of this line (VADER compound, −1 to 1)"
                  >
                    {point().label} {formatSentiment(point().compound)}
                  </span>
                )}
              </Show>
              <Show when={line.citations.length}>
                <Citations citations={line.citations} />
              </Show>
              <For each={violationsOf(line.sequence)}>
                {(violation) => (
                  <p class="line-violation" data-testid="line-violation" data-rule={violation.rule}>
                    <strong>{ruleLabel(violation.rule)}</strong> ({violation.severity}): {violation.detail}
                  </p>
                )}
              </For>
            </li>
          )}
        </For>
      </ol>
    </section>
  );
}

type Citation = Line['citations'][number];

/** Where an agent's answer came from: each chunk's section, its document's source and how close it was. */
function Citations(props: { citations: Citation[] }) {
  const section = (c: Citation) => c.heading?.split(' > ').at(-1) ?? c.chunkId;
  return (
    <ul class="line-citations" data-testid="line-citations" aria-label="Sources of this answer">
      <For each={props.citations}>
        {(citation) => (
          <li data-testid="line-citation" data-chunk-id={citation.chunkId} data-entry-id={citation.entryId ?? ''}>
            <span class="muted">Source: </span>
            <Show when={citation.sourceUrl} fallback={<strong>{citation.title ?? 'Knowledge chunk'}</strong>}>
              {(url) => (
                <a href={url()} target="_blank" rel="noreferrer">
                  {citation.title ?? url()}
                </a>
              )}
            </Show>
            <Show when={citation.heading}>
              {' '}
              › <span data-testid="citation-section">{section(citation)}</span>
            </Show>
            <Show when={citation.similarity !== null && citation.similarity !== undefined}>
              <span class="muted" title="How close the passage was to the question (cosine similarity, 0 to 1)">
                {' '}
                · match {Math.round((citation.similarity ?? 0) * 100)}%
              </span>
            </Show>
          </li>
        )}
      </For>
    </ul>
  );
}
