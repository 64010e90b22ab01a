/** npm run db:seed — the demo business the quick start calls for. Safe to run again. */
import { loadConfig, loadDotEnv } from '../lib/config.ts';
import { BusinessConfig } from './entities/index.ts';
import { openOrm } from './orm.ts';

const DEMO_BUSINESS = {
  name: 'Acme Support (demo)',
  type: 'customer_support' as const,
  phoneNumbers: ['+15005550006'],
  systemPrompt:
    'You are the friendly phone assistant of Acme. Answer briefly from the knowledge base, confirm what the ' +
    'caller wants before acting, and offer a human colleague when you cannot help.',
  greeting: 'Thanks for calling Acme, this call is recorded. How can I help you today?',
  voice: 'alloy',
  escalationKeywords: ['manager', 'supervisor', 'human', 'agent', 'representative'],
};

loadDotEnv();
const orm = await openOrm(loadConfig().database.url, 2);
try {
  const em = orm.em.fork();
  const existing = await em.findOne(BusinessConfig, { name: DEMO_BUSINESS.name });
  if (existing) {
    console.log(`demo business exists: ${existing.id}`);
  } else {
    const business = em.create(BusinessConfig, DEMO_BUSINESS);
    await em.flush();
    console.log(`created demo business: ${business.id}`);
  }
} finally {
  await orm.close();
}
