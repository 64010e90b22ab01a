export const statusLabel = (status: string) => status.toLowerCase().replace('_', ' ');

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '–';
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

export const formatTime = (iso: string) => new Date(iso).toLocaleTimeString();
