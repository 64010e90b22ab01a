import { ApplicationFailure } from '@temporalio/activity';
import { Call, Escalation } from '../db/entities/index.ts';
import type { Orm } from '../db/orm.ts';
import type { Config } from '../lib/config.ts';
import { type TwilioClient, voiceTwiml } from '../lib/twilio.ts';
import type { TwilioAccounts } from './twilio-accounts.ts';

export interface TelephonyActivityDeps {
  orm: Orm;
  /** Each call goes through its organisation's Twilio account. */
  twilioAccounts: TwilioAccounts;
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

/** Twilio's connection overrides: retry a callback up to 5 times, whatever went wrong. */
const CALLBACK_RETRIES = '#rc=5&rp=all';
/** Twilio's clock and ours may differ a little: a call created this much before the intent still counts. */
const DIAL_CLOCK_SLACK_MS = 5_000;

/** Placing, redirecting and ending calls through Twilio (or its simulator), safe to retry. */
export function createTelephonyActivities({ orm, twilioAccounts, config }: TelephonyActivityDeps) {
  /** The SID of a call Twilio placed from `from` to `to` since `since`, if there is one. */
  const placedSince = async (
    twilio: TwilioClient,
    to: string,
    from: string,
    since: Date,
  ): Promise<string | undefined> => {
    const calls = await twilio.calls.list({ to, from, limit: 20 }).catch(rethrow);
    const after = since.getTime() - DIAL_CLOCK_SLACK_MS;
    return calls
      .filter((c) => (c.dateCreated?.getTime() ?? 0) >= after)
      .sort((a, b) => (a.dateCreated?.getTime() ?? 0) - (b.dateCreated?.getTime() ?? 0))[0]?.sid;
  };
  /**
   * A callback URL for the call; its connection overrides ask Twilio to retry a callback the
   * gateway could not take (restarting), so a status report is not lost.
   */
  const webhook = (path: string, callId: string) =>
    `${config.gateway.publicUrl}/twilio/${path}?callId=${callId}${CALLBACK_RETRIES}`;
  /** New TwiML for a live call; a call that has already ended cannot be redirected, and that is final. */
  const update = async (callSid: string, body: string) => {
    const twilio = await twilioAccounts.forCallSid(callSid);
    await twilio
      .calls(callSid)
      .update({ twiml: body })
      .catch((error: TwilioRestError) => {
        if (error.status === 404 || error.code === 21220) {
          throw ApplicationFailure.nonRetryable('the call has already ended', 'CallEnded');
        }
        rethrow(error);
      });
  };
  return {
    /**
     * Dials once per call. The intent is recorded before Twilio is asked, so a retry (the worker died
     * mid-dial) first looks for the call Twilio may already have placed, and dials only if there is
     * none; a retry after the SID was recorded just answers it.
     */
    async dialOutbound(input: {
      callId: string;
      from: string;
      to: string;
      ringTimeoutSeconds: number;
      answeringMachineDetection?: boolean;
    }) {
      const em = orm.em.fork();
      const call = await em.findOneOrFail(Call, input.callId);
      if (call.twilioCallSid) return { callSid: call.twilioCallSid };
      const twilio = await twilioAccounts.forCall(input.callId);
      if (call.dialStartedAt) {
        const placed = await placedSince(twilio, input.to, input.from, call.dialStartedAt);
        if (placed) {
          call.twilioCallSid = placed;
          await em.flush();
          return { callSid: placed };
        }
      } else {
        call.dialStartedAt = new Date();
        await em.flush();
      }
      const created = await twilio.calls
        .create({
          to: input.to,
          from: input.from,
          url: webhook('voice/outbound', input.callId),
          statusCallback: webhook('status', input.callId),
          statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
          statusCallbackMethod: 'POST',
          timeout: input.ringTimeoutSeconds,
          // Asynchronous: the agent talks at once; Twilio reports a machine once its greeting has ended.
          ...(input.answeringMachineDetection && {
            machineDetection: 'DetectMessageEnd',
            asyncAmd: 'true',
            asyncAmdStatusCallback: webhook('amd', input.callId),
            asyncAmdStatusCallbackMethod: 'POST',
          }),
        })
        .catch(rethrow);
      call.twilioCallSid = created.sid;
      await em.flush();
      return { callSid: created.sid };
    },
    /** How Twilio sees the call now: its status (queued, ringing, in-progress, completed, busy, …). */
    async callStatus(input: { callSid: string }): Promise<{ status: string | null }> {
      const twilio = await twilioAccounts.forCallSid(input.callSid);
      const call = await twilio
        .calls(input.callSid)
        .fetch()
        .catch((error: TwilioRestError) => {
          if (error.status === 404) return undefined;
          return rethrow(error);
        });
      return { status: call?.status ?? null };
    },
    /** Replaces what the call is doing: leave the message after the beep, then hang up. */
    async leaveVoicemail(input: { callSid: string; message: string }): Promise<void> {
      await update(
        input.callSid,
        voiceTwiml((r) => {
          r.say(input.message);
          r.hangup();
        }),
      );
    },
    /** Hands the caller to a human: the AI's stream ends and Twilio dials `to`, showing our number. */
    async transferCall(input: { callSid: string; to: string; callerId: string }): Promise<void> {
      await update(
        input.callSid,
        voiceTwiml((r) => {
          r.say('Please hold while I connect you.');
          r.dial({ callerId: input.callerId }, input.to);
        }),
      );
    },
    /**
     * The warm transfer's first leg: rings the agent, who hears the AI's summary and then joins the
     * conference. Dials once per escalation (a retry finds the call SID already recorded).
     */
    async dialAgentIntoConference(input: {
      escalationId: string;
      agentNumber: string;
      callerId: string;
      conference: string;
      summary: string;
      ringTimeoutSeconds: number;
      /** Twilio reports who joins and leaves the conference to the escalation's workflow. */
      conferenceEvents?: boolean;
    }): Promise<{ agentCallSid: string }> {
      const em = orm.em.fork();
      const escalation = await em.findOneOrFail(Escalation, input.escalationId);
      if (escalation.agentCallSid) return { agentCallSid: escalation.agentCallSid };
      const twilio = await twilioAccounts.forEscalation(input.escalationId);
      const created = await twilio.calls
        .create({
          to: input.agentNumber,
          from: input.callerId,
          timeout: input.ringTimeoutSeconds,
          twiml: voiceTwiml((r) => {
            r.say(input.summary);
            r.dial().conference(
              {
                startConferenceOnEnter: true,
                endConferenceOnExit: true,
                beep: 'false',
                ...(input.conferenceEvents && {
                  statusCallback: `${config.gateway.publicUrl}/twilio/conference?escalationId=${input.escalationId}`,
                  statusCallbackEvent: ['join', 'leave', 'end'],
                  statusCallbackMethod: 'POST',
                }),
              },
              input.conference,
            );
          }),
        })
        .catch(rethrow);
      escalation.agentCallSid = created.sid;
      await em.flush();
      return { agentCallSid: created.sid };
    },
    /**
     * The call SIDs connected to the named conference (one that has not ended). A conference with
     * one participant waits (`init`) until a second joins, so its status is not filtered on.
     */
    async conferenceParticipants(input: { conference: string }): Promise<string[]> {
      const twilio = await twilioAccounts.forConference(input.conference);
      const conferences = await twilio.conferences.list({ friendlyName: input.conference, limit: 5 }).catch(rethrow);
      const open = conferences.find((c) => c.status !== 'completed');
      if (!open) return [];
      const participants = await twilio.conferences(open.sid).participants.list().catch(rethrow);
      return participants.filter((p) => p.status === 'connected').map((p) => p.callSid);
    },
    /** The caller joins the agent: the AI's stream ends as the call moves into the conference. */
    async moveCallerIntoConference(input: { callSid: string; conference: string }): Promise<void> {
      await update(
        input.callSid,
        voiceTwiml((r) => {
          r.dial().conference({ endConferenceOnExit: true, beep: 'false' }, input.conference);
        }),
      );
    },
    /** Hangs up; a call Twilio no longer knows is already over. */
    async hangUp(input: { callSid: string }): Promise<void> {
      const twilio = await twilioAccounts.forCallSid(input.callSid);
      await twilio
        .calls(input.callSid)
        .update({ status: 'completed' })
        .catch((error: TwilioRestError) => {
          if (error.status !== 404) rethrow(error);
        });
    },
  };
}
