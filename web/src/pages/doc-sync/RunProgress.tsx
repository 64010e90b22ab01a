import { For, Show } from 'solid-js';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { formatDateTime } from '../../format.ts';
import { type DocSyncRun, handled } from './doc-sources.ts';

/** A run's progress bar, counts and the pages that failed. */
export function RunProgress(props: { run: DocSyncRun }) {
  const count = (label: string, testId: string, value: () => number) => (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value()}</dd>
    </div>
  );
  return (
    <div class="sync-run">
      <ProgressBar
        done={handled(props.run)}
        total={props.run.found}
        label={`Sync progress of ${props.run.id}`}
        testId="sync-progress"
      />
      <p class="muted">
        <span data-testid="sync-handled">{handled(props.run)}</span> of{' '}
        <span data-testid="sync-found">{props.run.found}</span> pages found ·{' '}
        {props.run.trigger === 'SCHEDULE' ? 'scheduled' : 'started by hand'} {formatDateTime(props.run.startedAt)}
        <Show when={props.run.finishedAt}> · ended {formatDateTime(props.run.finishedAt)}</Show>
      </p>
      <dl class="facts counts">
        {count('Indexed', 'sync-indexed', () => props.run.indexed)}
        {count('Unchanged', 'sync-unchanged', () => props.run.unchanged)}
        {count('Failed', 'sync-failed', () => props.run.failed)}
        {count('Removed', 'sync-removed', () => props.run.removed)}
        {count('Skipped', 'sync-skipped', () => props.run.skipped)}
      </dl>
      <Show when={props.run.errors.length}>
        <details class="sync-errors" data-testid="sync-errors">
          <summary>
            {props.run.errors.length === 1 ? '1 page failed' : `${props.run.errors.length} pages failed`}
          </summary>
          <ul>
            <For each={props.run.errors}>
              {(error) => (
                <li>
                  <a href={error.url} target="_blank" rel="noreferrer">
                    {error.url}
                  </a>
                  : {error.message}
                </li>
              )}
            </For>
          </ul>
        </details>
      </Show>
    </div>
  );
}
