/**
 * The link between a bridge's session and its call's workflow: it tells the workflow which bridge
 * holds the call, reads the conversation to continue from, hands each transcript line over in the
 * order it was spoken, publishes lines and latency to live subscribers at once, and passes on what
 * the agent asked for (hang up, a human).
 */
import type { Client } from '@temporalio/client';
import { type StartingProfile, startingProfile } from '../db/agent-profile.ts';
import { latencyStats, publishCallMetrics, publishTranscriptLine } from '../db/calls.ts';
import { type BusinessConfig, Call, TranscriptLine, transcriptOriginalPurpose } from '../db/entities/index.ts';
import type { Orm } from '../db/orm.ts';
import type { Encryption } from '../lib/encryption.ts';
import type { Logger } from '../lib/logger.ts';
import { redactPii } from '../lib/pii.ts';
import {
  objectsToRecording,
  type PrivacySettings,
  privacyOf,
  RECORDING_OBJECTION_NOTE,
} from '../lib/privacy-settings.ts';
import {
  type BridgeAttachment,
  type BridgeTranscriptLine,
  bridgeAttachedSignal,
  type ConversationSnapshot,
  callWorkflowId,
  conversationQuery,
  endCallSignal,
  liveEventKey,
  streamStoppedSignal,
  type TranscriptLineInput,
  transcriptLineSignal,
} from '../workflows/definitions/call.ts';
import { type EscalationState, escalateUpdate, escalationStateQuery } from '../workflows/definitions/escalation.ts';

export interface CallLinkDeps {
  orm: Orm;
  temporal: Client;
  /** Seals a redacted line's original for the organisation. */
  encryption: Encryption;
}

const SNAPSHOT_TIMEOUT_MS = 3_000;

/** Text compared as speech: any case, any run of spaces, curly apostrophes as straight ones. */
const normalized = (text: string) => text.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();

export class CallLink {
  readonly callId: string;
  readonly organizationId: string;
  readonly business: BusinessConfig;
  /** What the agent is told on this call: the instructions version the call runs with, rendered. */
  readonly profile: StartingProfile;
  /** When the call was answered, for a stream that continues it. */
  readonly answeredAt: Date | null;
  readonly #privacy: PrivacySettings;
  readonly #deps: CallLinkDeps;
  readonly #logger: Logger;
  /** Lines go to the workflow one after another, so it numbers them in the order they were spoken. */
  #signalled: Promise<unknown> = Promise.resolve();
  /** The caller objected to being recorded: nothing they or the agent say is kept from then on. */
  #recordingStopped: boolean;
  /** The agent's line with the disclosure is marked once, for the call's record of consent. */
  #disclosureMarked = false;

  private constructor(
    deps: CallLinkDeps,
    call: Call,
    profile: StartingProfile,
    logger: Logger,
    recordingStopped: boolean,
  ) {
    this.#deps = deps;
    this.#logger = logger;
    this.callId = call.id;
    this.organizationId = call.organization.id;
    this.business = call.business;
    this.profile = profile;
    this.answeredAt = call.answeredAt ?? null;
    this.#privacy = privacyOf(call.business);
    this.#recordingStopped = recordingStopped;
  }

  /** The link for a call the platform knows; throws for an unknown call id. */
  static async open(deps: CallLinkDeps, callId: string, logger: Logger): Promise<CallLink> {
    const em = deps.orm.em.fork();
    const call = await em.findOneOrFail(Call, callId, { populate: ['business'] });
    // A stream that continues the call (another bridge) keeps an objection made before it.
    const objected = await em.count(TranscriptLine, { call: callId, metadata: { recordingObjection: true } });
    return new CallLink(
      deps,
      call,
      await startingProfile(em, call, call.business, deps.encryption),
      logger,
      objected > 0,
    );
  }

  #workflow() {
    return this.#deps.temporal.workflow.getHandle(callWorkflowId(this.callId));
  }

  /** The conversation so far, as the workflow holds it; undefined if the workflow cannot say. */
  async snapshot(): Promise<ConversationSnapshot | undefined> {
    try {
      return await Promise.race([
        this.#workflow().query(conversationQuery),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('timed out')), SNAPSHOT_TIMEOUT_MS).unref(),
        ),
      ]);
    } catch (error) {
      this.#logger.warn({ err: error }, 'could not read the conversation from the workflow; starting afresh');
      return undefined;
    }
  }

  /** Tells the workflow this bridge holds the call; without it the workflow cannot reach the call, which goes on. */
  async attach(attachment: BridgeAttachment): Promise<void> {
    await this.#workflow()
      .signal(bridgeAttachedSignal, attachment)
      .catch((error: unknown) =>
        this.#logger.warn({ err: error }, 'could not tell the workflow which bridge holds the call'),
      );
  }

  /**
   * A line spoken or heard, with the business's kinds of personal data taken out before anything else
   * sees it: to live subscribers at once, and to the workflow, which records it (with the original,
   * sealed, where the business keeps originals).
   */
  emitLine(spoken: Omit<TranscriptLineInput, 'callId'>, session: string): void {
    if (this.#recordingStopped) return;
    let line = spoken;
    if (line.speaker === 'customer' && objectsToRecording(line.text, this.#privacy.disclosure.objectionPhrases)) {
      // The objection itself is kept as a note that it was made, not as what was said.
      this.#recordingStopped = true;
      line = {
        ...line,
        text: RECORDING_OBJECTION_NOTE,
        metadata: { ...line.metadata, recordingObjection: true, objectedAt: new Date().toISOString() },
      };
    }
    if (line.speaker === 'ai' && !this.#disclosureMarked && this.#speaksDisclosure(line.text)) {
      this.#disclosureMarked = true;
      line = { ...line, metadata: { ...line.metadata, disclosureSpokenAt: new Date().toISOString() } };
    }
    const { text, redactions } = redactPii(line.text, this.#privacy.redact);
    // An interrupted agent line keeps what it would have said in full: redacted the same way.
    const fullText = line.metadata?.fullText;
    if (typeof fullText === 'string')
      line = { ...line, metadata: { ...line.metadata, fullText: redactPii(fullText, this.#privacy.redact).text } };
    const full: BridgeTranscriptLine = { ...line, text, callId: this.callId, session };
    if (redactions.length) {
      full.metadata = { ...line.metadata, redactions };
      if (this.#privacy.keepOriginals) {
        full.sealedOriginal = this.#deps.encryption.seal(
          this.organizationId,
          transcriptOriginalPurpose(this.callId),
          line.text,
        );
      }
    }
    const { session: _session, sealedOriginal: _original, ...live } = full;
    const liveKey = liveEventKey(this.callId, session, line.sequence);
    publishTranscriptLine(this.#deps.orm.em, this.organizationId, live, liveKey).catch((error: unknown) =>
      this.#logger.warn({ err: error }, 'could not publish a transcript line'),
    );
    const workflow = this.#workflow();
    this.#signalled = this.#signalled.then(() =>
      workflow
        .signal(transcriptLineSignal, full)
        .catch((error: unknown) =>
          this.#logger.warn(
            { err: error, sequence: full.sequence },
            'could not hand a transcript line to the workflow',
          ),
        ),
    );
  }

  /** Whether the agent's line says the business's disclosure whole (a line cut short by the caller does not). */
  #speaksDisclosure(text: string): boolean {
    const disclosure = this.#privacy.disclosure.text;
    return disclosure !== null && normalized(text).includes(normalized(disclosure));
  }

  /** Live subscribers see the agent's latency figures move as the call goes on. */
  publishLatency(latenciesMs: readonly number[]): void {
    publishCallMetrics(this.#deps.orm.em, this.organizationId, this.callId, latencyStats(latenciesMs)).catch(
      (error: unknown) => this.#logger.warn({ err: error }, 'could not publish latency metrics'),
    );
  }

  /** Twilio stopped the stream (the caller hung up, or the call moved on): the workflow checks how the call stands. */
  async streamStopped(): Promise<void> {
    await this.#workflow()
      .signal(streamStoppedSignal)
      .catch((error: unknown) => this.#logger.warn({ err: error }, 'could not tell the workflow the stream stopped'));
  }

  /** Where the call's escalation stands, as the workflow says; undefined when it cannot say in time. */
  async escalationState(): Promise<EscalationState | null | undefined> {
    try {
      const answer = await Promise.race([
        this.#workflow().query(escalationStateQuery),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), 2_000).unref()),
      ]);
      return answer.state;
    } catch (error) {
      this.#logger.warn({ err: error }, 'could not read where the escalation stands');
      return undefined;
    }
  }

  /** The agent asked to hang up or for a human: the workflow decides and does it. */
  async requestAfterReply(action: { action: 'end_call' | 'escalate'; reason: string }): Promise<void> {
    const workflow = this.#workflow();
    const done =
      action.action === 'end_call'
        ? workflow.signal(endCallSignal, { reason: action.reason })
        : workflow.executeUpdate(escalateUpdate, { args: [{ reason: 'tool', detail: action.reason }] });
    await done.catch((error: unknown) =>
      this.#logger.warn({ err: error, action: action.action }, 'the call workflow could not do what the agent asked'),
    );
  }
}
