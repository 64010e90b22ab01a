/** How far along something is: a bar with its percentage, announced as a progressbar named `label`. */
export function ProgressBar(props: { done: number; total: number; label: string; testId?: string }) {
  // Rounded down: 100% only once everything is done.
  const percent = () => (props.total > 0 ? Math.floor((props.done / props.total) * 100) : 0);
  return (
    <div
      class="progress"
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent()}
      data-testid={props.testId}
    >
      <div class="progress-fill" style={{ width: `${percent()}%` }} />
      <span class="progress-text">{percent()}%</span>
    </div>
  );
}
