import { type Accessor, createSignal, onCleanup } from 'solid-js';

/** The current time, updated every `intervalMs` while the component lives: for durations that tick. */
export function useNow(intervalMs = 1000): Accessor<number> {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), intervalMs);
  onCleanup(() => clearInterval(timer));
  return now;
}
