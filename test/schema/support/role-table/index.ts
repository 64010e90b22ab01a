import { ACCOUNT_OPERATIONS } from './account.ts';
import { ANALYTICS_OPERATIONS } from './analytics.ts';
import { BUSINESS_OPERATIONS } from './businesses.ts';
import { CALL_OPERATIONS } from './calls.ts';
import { CAMPAIGN_OPERATIONS } from './campaigns.ts';
import { ESCALATION_OPERATIONS } from './escalations.ts';
import { KNOWLEDGE_OPERATIONS } from './knowledge.ts';
import type { Operation } from './operation.ts';
import { POST_CALL_OPERATIONS } from './post-call.ts';
import { PRIVACY_OPERATIONS } from './privacy.ts';
import { RETENTION_OPERATIONS } from './retention.ts';

export type { Access, Operation } from './operation.ts';

/** Every root field, who may use it, and a harmless way to call it. README's role table mirrors this. */
export const OPERATIONS: Operation[] = [
  ...ACCOUNT_OPERATIONS,
  ...CALL_OPERATIONS,
  ...KNOWLEDGE_OPERATIONS,
  ...ESCALATION_OPERATIONS,
  ...BUSINESS_OPERATIONS,
  ...PRIVACY_OPERATIONS,
  ...POST_CALL_OPERATIONS,
  ...ANALYTICS_OPERATIONS,
  ...CAMPAIGN_OPERATIONS,
  ...RETENTION_OPERATIONS,
];
