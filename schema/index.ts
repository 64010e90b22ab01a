import { builder } from './builder.ts';
import './errors.ts';
import './users.ts';
import './auth.ts';
import './api-keys.ts';
import './audit-log.ts';
import './business.ts';
import './business-mutations.ts';
import './credentials.ts';
import './connection-tests.ts';
import './setup.ts';
import './call.ts';
import './call-history.ts';
import './call-instructions.ts';
import './call-record.ts';
import './call-control.ts';
import './knowledge.ts';
import './notifications.ts';
import './agents.ts';
import './escalations.ts';
import './quality.ts';
import './doc-sync.ts';
import './campaigns.ts';
import './do-not-call.ts';

/** The whole GraphQL schema; `npm run schema:print` writes it to schema/schema.graphql. */
export const schema = builder.toSchema({ sortSchema: true });
