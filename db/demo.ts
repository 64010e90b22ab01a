/**
 * The demo organisation (`npm run db:seed`, run by `npm start`): a business that shows what every
 * simulated persona is for — a small knowledge base for the caller with a question, two available
 * human agents and a handoff number for those who ask for a person (or get angry), answering-machine
 * detection with a message for the voicemail greeting, and a recording disclosure for QA. Safe to run
 * again: what exists is left as it is, and what is missing is added.
 */
import type { Client } from '@temporalio/client';
import type { Config } from '../lib/config.ts';
import { assertPasswordPolicy, normalizeEmail } from '../lib/password-policy.ts';
import { hashPassword } from '../lib/secrets.ts';
import {
  KNOWLEDGE_INGEST_WORKFLOW_TYPE,
  type KnowledgeIngestWorkflow,
  knowledgeWorkflowId,
} from '../workflows/definitions/knowledge.ts';
import {
  BusinessConfig,
  BusinessInstructionsVersion,
  HumanAgent,
  KnowledgeEntry,
  Organization,
  User,
} from './entities/index.ts';
import type { Orm } from './orm.ts';

/** Handoff number and human agents' phones, for tests that check the demo. */
export const DEMO_PHONES = { handoff: '+15550201000', agents: ['+15550201001', '+15550201002'] } as const;

export const DEMO = {
  organization: 'Acme (demo)',
  business: 'Acme Support (demo)',
  number: '+15005550006',
  adminEmail: 'admin@acme.example',
};

/** Simulated human phones (+1555020XXXD, scripts/simulators/personas.ts): they answer and join the conference. */
const AGENTS = [
  {
    name: 'Sam Rivera',
    email: 'sam.rivera@acme.example',
    phoneNumber: '+15550201001',
    skills: ['orders', 'billing'],
    department: 'Support',
  },
  {
    name: 'Alex Chen',
    email: 'alex.chen@acme.example',
    phoneNumber: '+15550201002',
    skills: ['orders', 'returns'],
    department: 'Support',
  },
];
/** Where a caller goes when no agent can take them: the support desk's phone (simulated, it answers). */
const HANDOFF_NUMBER = DEMO_PHONES.handoff;

const INSTRUCTIONS =
  'You are the friendly phone assistant of {{business_name}}. {{business_description}}\n' +
  'Before answering a question about opening hours, orders, delivery, returns or payments, look it up in the knowledge base and answer only from what it says. ' +
  'Confirm what the caller wants before acting, keep your turns short, and offer a human colleague when you cannot help.';
const GREETING = 'Thanks for calling {{business_name}}, this call is recorded. How can I help you today?';
const VOICEMAIL =
  'Hello, this is Acme Support returning your call about your order. Please call us back at your convenience. Thank you, goodbye.';

/** The demo knowledge base: short documents the question persona (and a person trying the demo) can ask about. */
const KNOWLEDGE = [
  {
    title: 'Opening hours',
    docType: 'policy',
    text: `# Opening hours

Our support line and shops are open Monday to Friday from 8 am to 8 pm.

## Saturday
On Saturday we are open from 9 am to 1 pm. The phone line answers during the same hours.

## Sunday and public holidays
We are closed on Sunday and on public holidays. Orders can still be placed online at any time.`,
  },
  {
    title: 'Orders and delivery',
    docType: 'faq',
    text: `# Orders and delivery

## Order status
Callers can track an order with its order number, which starts with ACM followed by six digits. An order ships within two working days.

## Delivery times
Standard delivery takes three to five working days and costs 4.99 dollars; it is free for orders over 50 dollars. Express delivery arrives the next working day for 12 dollars.`,
  },
  {
    title: 'Returns and refunds',
    docType: 'policy',
    text: `# Returns and refunds

## Returns
Items can be returned within 30 days of delivery, unused and in their original packaging. Returns are free with the prepaid label in the parcel.

## Refunds
A refund is paid to the original payment method within five working days after the return arrives. Shipping costs are refunded when the whole order is returned.`,
  },
];

export interface DemoOptions {
  /** Names and number of the demo (tests use their own, so runs do not collide). */
  organization?: string;
  business?: string;
  number?: string;
  adminEmail?: string;
  /** The admin's password; without one, one is generated and `log`ged once. */
  adminPassword?: string;
  generatePassword: () => string;
  log: (line: string) => void;
}

/** Creates what is missing of the demo; knowledge is ingested by the real `knowledgeIngestWorkflow` (the worker runs it). */
export async function seedDemo(
  orm: Orm,
  temporal: Client,
  config: Config,
  options: DemoOptions,
): Promise<{ organizationId: string; businessId: string }> {
  const names = {
    organization: options.organization ?? DEMO.organization,
    business: options.business ?? DEMO.business,
    number: options.number ?? DEMO.number,
  };
  const em = orm.em.fork();
  let organization = await em.findOne(Organization, { name: names.organization });
  if (!organization) {
    organization = em.create(Organization, { name: names.organization, timeZone: 'America/New_York', country: 'US' });
    await em.flush();
    options.log(`created organisation: ${organization.name}`);
  }

  let business = await em.findOne(BusinessConfig, { name: names.business, organization });
  if (!business) {
    business = em.create(BusinessConfig, {
      organization,
      name: names.business,
      type: 'customer_support',
      description: 'Acme sells home and garden goods online and in its shops.',
      phoneNumbers: [names.number],
      systemPrompt: INSTRUCTIONS,
      greeting: GREETING,
      voice: 'alloy',
      timeZone: 'America/New_York',
      handoffNumber: HANDOFF_NUMBER,
      answeringMachineDetection: true,
      voicemailMessage: VOICEMAIL,
      settings: {
        quality: {
          escalationKeywords: ['manager', 'supervisor', 'human', 'real person', 'representative', 'agent'],
          disclosures: [{ phrase: 'this call is recorded', withinSeconds: 30 }],
          escalation: { skills: ['orders'] },
        },
      },
    });
    em.create(BusinessInstructionsVersion, {
      business,
      version: 1,
      instructions: INSTRUCTIONS,
      greeting: GREETING,
      createdByLabel: 'demo data',
    });
    await em.flush();
    options.log(`created business: ${business.name}`);
  } else if (!business.handoffNumber || !business.voicemailMessage) {
    // A demo from before these settings: fill in what was never set.
    business.handoffNumber ??= HANDOFF_NUMBER;
    if (!business.voicemailMessage)
      Object.assign(business, { voicemailMessage: VOICEMAIL, answeringMachineDetection: true });
    await em.flush();
    options.log(`completed business: ${business.name} (handoff number, voicemail)`);
  }

  for (const agent of AGENTS) {
    if (await em.findOne(HumanAgent, { organization, email: agent.email })) continue;
    em.create(HumanAgent, { ...agent, organization, availability: 'available', maxConcurrent: 2 });
    await em.flush();
    options.log(`created human agent: ${agent.name} (${agent.phoneNumber}, available)`);
  }

  for (const doc of KNOWLEDGE) {
    let entry = await em.findOne(KnowledgeEntry, { business, title: doc.title });
    if (entry?.status === 'ready') continue;
    entry ??= em.create(KnowledgeEntry, {
      organization,
      business,
      title: doc.title,
      source: 'text',
      content: Buffer.from(doc.text),
      mimeType: 'text/markdown',
      vendor: 'Acme',
      docType: doc.docType,
      tags: ['demo'],
    });
    await em.flush();
    await temporal.workflow.start<KnowledgeIngestWorkflow>(KNOWLEDGE_INGEST_WORKFLOW_TYPE, {
      taskQueue: config.temporal.taskQueue,
      workflowId: knowledgeWorkflowId(entry.id),
      args: [{ entryId: entry.id }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    options.log(`knowledge: ${doc.title} (ingested by the worker)`);
  }

  const email = normalizeEmail(options.adminEmail ?? DEMO.adminEmail);
  if (!(await em.findOne(User, { email }))) {
    const given = options.adminPassword;
    if (given) assertPasswordPolicy(given);
    const password = given || options.generatePassword();
    em.create(User, {
      organization,
      email,
      displayName: 'Administrator',
      role: 'admin',
      passwordHash: await hashPassword(password),
    });
    await em.flush();
    options.log(
      given
        ? `created admin ${email} with the given password`
        : `created admin ${email} with password ${password}  (shown once; change it after signing in)`,
    );
  } else {
    options.log(`admin ${email} exists`);
  }
  return { organizationId: organization.id, businessId: business.id };
}
