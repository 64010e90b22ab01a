import { type Accessor, For, type JSX } from 'solid-js';

/**
 * A table named `label` with a heading per column and a row per item; with no items, one row across
 * every column says why (`empty`: still loading, nothing yet, nothing matches).
 */
export function DataTable<T>(props: {
  label: string;
  class?: string;
  /** Column headings; '' for a column without one (row actions). */
  columns: readonly string[];
  rows: readonly T[];
  empty: string;
  children: (row: T, index: Accessor<number>) => JSX.Element;
}) {
  return (
    <table class={props.class} aria-label={props.label}>
      <thead>
        <tr>
          <For each={props.columns}>{(column) => <th>{column}</th>}</For>
        </tr>
      </thead>
      <tbody>
        <For
          each={props.rows}
          fallback={
            <tr>
              <td colSpan={props.columns.length} class="empty">
                {props.empty}
              </td>
            </tr>
          }
        >
          {props.children}
        </For>
      </tbody>
    </table>
  );
}
