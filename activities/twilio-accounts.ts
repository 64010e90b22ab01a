/**
 * Which Twilio account a telephony activity speaks through: the one of the organisation the call,
 * the agent's leg or the conference belongs to (its own account, or the platform's). Activities take
 * Twilio's ids as they always have; the organisation is read from the rows those ids are on.
 */
import type { OrganizationClients } from '../db/credentials.ts';
import { Call, Escalation } from '../db/entities/index.ts';
import type { Orm } from '../db/orm.ts';
import type { TwilioClient } from '../lib/twilio.ts';

export interface TwilioAccounts {
  forCall(callId: string): Promise<TwilioClient>;
  /** A caller's leg (a call row) or an agent's leg of a warm transfer (an escalation row). */
  forCallSid(callSid: string): Promise<TwilioClient>;
  forEscalation(escalationId: string): Promise<TwilioClient>;
  /** A warm transfer's conference, named after its escalation's workflow. */
  forConference(conference: string): Promise<TwilioClient>;
}

export function twilioAccounts(orm: Orm, clients: OrganizationClients): TwilioAccounts {
  const clientOf = async (organizationId: string) => (await clients.twilio(organizationId)).client;
  const organizationOf = async (found: Promise<{ organization: { id: string } } | null>, what: string) => {
    const row = await found;
    if (!row) throw new Error(`${what} is not recorded, so its Twilio account is unknown`);
    return clientOf(row.organization.id);
  };
  return {
    forCall: (callId) => organizationOf(orm.em.fork().findOne(Call, callId), `call ${callId}`),
    async forCallSid(callSid) {
      const em = orm.em.fork();
      const call = await em.findOne(Call, { twilioCallSid: callSid });
      return organizationOf(
        call ? Promise.resolve(call) : em.findOne(Escalation, { agentCallSid: callSid }),
        `call ${callSid}`,
      );
    },
    forEscalation: (escalationId) =>
      organizationOf(orm.em.fork().findOne(Escalation, escalationId), `escalation ${escalationId}`),
    forConference: (conference) =>
      organizationOf(orm.em.fork().findOne(Escalation, { workflowId: conference }), `conference ${conference}`),
  };
}
