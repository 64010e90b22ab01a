/** The gateway process: GraphQL API, graphql-ws subscriptions, health, and the console. */
import { loadConfig, loadDotEnv } from '../lib/config.ts';
import { runMain, stopOnSignals } from '../lib/lifecycle.ts';
import { createLogger } from '../lib/logger.ts';
import { buildApp } from './app.ts';
import { connectGatewayDeps } from './compose.ts';

runMain(
  () => createLogger('gateway'),
  async () => {
    loadDotEnv();
    const config = loadConfig();
    const logger = createLogger('gateway', config.logLevel);
    const { deps, close } = await connectGatewayDeps(config, logger);
    const app = buildApp(deps);
    const url = await app.start();
    logger.info({ url, graphql: `${url}/graphql` }, 'gateway listening');
    stopOnSignals(logger, async () => {
      await app.stop();
      await close();
    });
  },
);
