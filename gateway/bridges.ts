/**
 * Which bridge a media stream goes to: the first configured bridge URL whose /healthz answers, so a
 * dead bridge is skipped (how a call whose bridge died is streamed again to a healthy one). One URL
 * is checked too: a single bridge that is restarting is not answered with a stream bound to fail.
 * Undefined when none answers.
 */
export function createBridgePicker(urls: readonly string[], timeoutMs = 500) {
  const healthUrl = (url: string) => `${url.replace(/^ws/, 'http')}/healthz`;
  return async function pickBridge(): Promise<string | undefined> {
    for (const url of urls) {
      const healthy = await fetch(healthUrl(url), { signal: AbortSignal.timeout(timeoutMs) })
        .then((res) => res.ok)
        .catch(() => false);
      if (healthy) return url;
    }
    return undefined;
  };
}
