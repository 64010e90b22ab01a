import { For, Show } from 'solid-js';
import type { ConnectionTest } from '../settings.ts';

/** What a connection test found: each check, and for a failure what went wrong and what to do. */
export function ConnectionResult(props: { result: ConnectionTest | null | undefined }) {
  return (
    <Show when={props.result}>
      {(result) => (
        <div class="connection-result" data-testid="connection-result" data-ok={String(result().ok)} role="status">
          <p>
            <strong class={result().ok ? 'outcome-success' : 'outcome-error'}>
              {result().ok ? 'Connected' : 'Failed'}
            </strong>{' '}
            <span class="muted">
              {result().account} · {result().durationMs} ms
            </span>
          </p>
          <ul class="checks">
            <For each={result().checks}>
              {(check) => (
                <li data-testid="connection-check" data-ok={String(check.ok)}>
                  <span class={check.ok ? 'outcome-success' : 'outcome-error'}>{check.ok ? '✓' : '✗'}</span>{' '}
                  {check.name}: {check.detail}
                  <Show when={check.hint}>
                    <div class="hint">{check.hint}</div>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </div>
      )}
    </Show>
  );
}
