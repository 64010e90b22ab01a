/**
 * Which bridge a media stream goes to: the first configured bridge URL whose /healthz answers. With
 * one (load-balanced) URL there is nothing to choose; with several, a dead bridge is skipped, which
 * is how a call whose bridge died is streamed again to a healthy one.
 */
export function createBridgePicker(urls: readonly string[], timeoutMs = 500) {
  const healthUrl = (url: string) => `${url.replace(/^ws/, 'http')}/healthz`;
  return async function pickBridge(): Promise<string> {
    if (urls.length === 1) return urls[0] as string;
    for (const url of urls) {
      const healthy = await fetch(healthUrl(url), { signal: AbortSignal.timeout(timeoutMs) })
        .then((res) => res.ok)
        .catch(() => false);
      if (healthy) return url;
    }
    // None answered: hand Twilio the first and let the stream's action webhook try again.
    return urls[0] as string;
  };
}
