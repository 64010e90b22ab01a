export const statusLabel = (status: string) => status.toLowerCase().replaceAll('_', ' ');

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '–';
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

export const formatTime = (iso: string) => new Date(iso).toLocaleTimeString();

/** Date and time in the browser's locale; `fallback` for an instant that has not happened. */
export const formatDateTime = (iso: string | null | undefined, fallback = '–') =>
  iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' }) : fallback;

/** An offset into the call's audio, as m:ss. */
export const formatOffset = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? '–' : formatDuration(Math.floor(ms / 1000));

export const formatMs = (ms: number | null | undefined) => (ms === null || ms === undefined ? '–' : `${ms} ms`);

/** Whole seconds from `iso` to `now` (never negative). */
export const secondsSince = (iso: string, now: number) => Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
