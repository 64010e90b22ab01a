import { ApplicationFailure } from '@temporalio/activity';
import { Call } from '../db/entities/index.ts';
import type { Orm } from '../db/orm.ts';
import type { Config } from '../lib/config.ts';
import type { TwilioClient } from '../lib/twilio.ts';

export interface TelephonyActivityDeps {
  orm: Orm;
  twilio: TwilioClient;
  config: Config;
}

interface TwilioRestError {
  status?: number;
  code?: number;
  message?: string;
}

/** Twilio's 4xx answers (but 429) will not change on retry: fail the call instead. */
function rethrow(error: unknown): never {
  const rest = error as TwilioRestError;
  if (rest.status && rest.status >= 400 && rest.status < 500 && rest.status !== 429) {
    throw ApplicationFailure.nonRetryable(rest.message ?? 'Twilio refused the request', 'TwilioRejected', {
      code: rest.code,
    });
  }
  throw error;
}

/** Placing and ending calls through Twilio (or its simulator), safe to retry. */
export function createTelephonyActivities({ orm, twilio, config }: TelephonyActivityDeps) {
  const webhook = (path: string, callId: string) => `${config.gateway.publicUrl}/twilio/${path}?callId=${callId}`;
  return {
    /** Dials once per call: a retry after Twilio accepted finds the call SID already recorded. */
    async dialOutbound(input: { callId: string; from: string; to: string; ringTimeoutSeconds: number }) {
      const em = orm.em.fork();
      const call = await em.findOneOrFail(Call, input.callId);
      if (call.twilioCallSid) return { callSid: call.twilioCallSid };
      const created = await twilio.calls
        .create({
          to: input.to,
          from: input.from,
          url: webhook('voice/outbound', input.callId),
          statusCallback: webhook('status', input.callId),
          statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
          statusCallbackMethod: 'POST',
          timeout: input.ringTimeoutSeconds,
        })
        .catch(rethrow);
      call.twilioCallSid = created.sid;
      await em.flush();
      return { callSid: created.sid };
    },
    /** Hangs up; a call Twilio no longer knows is already over. */
    async hangUp(input: { callSid: string }): Promise<void> {
      await twilio
        .calls(input.callSid)
        .update({ status: 'completed' })
        .catch((error: TwilioRestError) => {
          if (error.status !== 404) rethrow(error);
        });
    },
  };
}
