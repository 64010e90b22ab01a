import weaviate, { type WeaviateClient } from 'weaviate-client';
import type { Config } from './config.ts';

export type { WeaviateClient };

/** Connects without start-up checks, so a process starts (and reports unhealthy) while Weaviate is down. */
export function connectWeaviate(config: Config['weaviate']): Promise<WeaviateClient> {
  const url = new URL(config.url);
  const secure = url.protocol === 'https:';
  return weaviate.connectToCustom({
    httpHost: url.hostname,
    httpPort: Number(url.port || (secure ? 443 : 80)),
    httpSecure: secure,
    grpcHost: url.hostname,
    grpcPort: config.grpcPort,
    grpcSecure: secure,
    ...(config.apiKey && { authCredentials: new weaviate.ApiKey(config.apiKey) }),
    skipInitChecks: true,
  });
}
