/**
 * Which auth token a Twilio webhook must be signed with: the one of the Twilio account of the
 * organisation the call, number or conference belongs to (its own account, or the platform's). A
 * request naming nothing the platform knows is checked against the platform's token.
 */
import type { OrganizationClients } from '../db/credentials.ts';
import { BusinessPhoneNumber, Call, Escalation } from '../db/entities/index.ts';
import type { Orm } from '../db/orm.ts';
import { isUuid } from '../lib/ids.ts';

export function webhookAuthToken(orm: Orm, clients: OrganizationClients, inboundCallId: (callSid: string) => string) {
  const organizationOf = async (url: URL, params: Record<string, string>): Promise<string | null> => {
    const em = orm.em.fork();
    if (url.pathname === '/twilio/voice/inbound') {
      const claim = params.To ? await em.findOne(BusinessPhoneNumber, params.To, { populate: ['business'] }) : null;
      return claim?.business.organization.id ?? null;
    }
    const escalationId = url.searchParams.get('escalationId');
    if (escalationId)
      return isUuid(escalationId) ? ((await em.findOne(Escalation, escalationId))?.organization.id ?? null) : null;
    const callId = url.searchParams.get('callId') ?? (params.CallSid ? inboundCallId(params.CallSid) : '');
    return isUuid(callId) ? ((await em.findOne(Call, callId))?.organization.id ?? null) : null;
  };
  return async (url: URL, params: Record<string, string>): Promise<string> => {
    const organizationId = await organizationOf(url, params);
    return organizationId ? (await clients.twilio(organizationId)).authToken : clients.platformTwilio().authToken;
  };
}
