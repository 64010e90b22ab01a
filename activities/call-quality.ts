/**
 * Quality while a call runs and after: each customer line scored for sentiment as it is recorded,
 * alerts, and the call's QA score (rule-based live; graded by the LLM after hang-up, with the rules
 * as fallback). The same `assessCall` serves the workflow and `recalculateQa`.
 */
import type OpenAI from 'openai';
import { appendTranscript } from '../db/calls.ts';
import { BusinessConfig, Call, Campaign, QaScore, TranscriptLine } from '../db/entities/index.ts';
import { publishEvent, TOPICS } from '../db/events.ts';
import type { Orm } from '../db/orm.ts';
import { recordWebhookEvent } from '../db/webhooks.ts';
import type { Redaction } from '../lib/pii.ts';
import { DEFAULT_LLM_MODEL, formatTranscript, gradeWithLlm, QA_RUBRIC } from '../quality/grader.ts';
import { extractionSchemaFor } from '../quality/post-call-settings.ts';
import { type QaLine, scoreQa, weightedScore } from '../quality/qa.ts';
import { rollingSentiment, scoreSentiment } from '../quality/sentiment.ts';
import { type QualitySettings, qualitySettingsOf } from '../quality/settings.ts';
import { matchesEscalationKeyword, type ToolResult } from '../quality/triggers.ts';
import type { LineSentiment, TranscriptLineInput } from '../workflows/definitions/call.ts';
import { type Mailers, notify } from './notifications.ts';

export interface CallQualityDeps {
  orm: Orm;
  mailers: Mailers;
  /** The LLM grader's client for an organisation (OpenAI with its key or the platform's, or the simulator); null grades by the rules only. */
  chatFor: (organizationId: string) => Promise<OpenAI | null>;
}

/** What a call's workflow needs to watch the call: its business's rules and where escalation goes. */
export interface CallQualityPlan {
  settings: QualitySettings;
  handoffNumber: string | null;
  /** The business's extraction schema has required fields (the agent is told which are still missing). */
  collectsFields?: boolean;
}

/** A customer line as the workflow sees it once recorded. */
export interface AssessedLine {
  sequence: number;
  compound: number;
  /** The escalation keyword it contains, if any. */
  keyword: string | null;
}

const qaLineOf = (line: TranscriptLine): QaLine => ({
  sequence: line.sequence,
  speaker: line.speaker,
  text: line.text,
  offsetMs: line.startMs ?? 0,
  sentiment: line.sentiment,
  knowledgeChunkIds: ((line.metadata as { knowledgeChunkIds?: string[] } | null)?.knowledgeChunkIds ?? []) as string[],
  redactions: ((line.metadata as { redactions?: Redaction[] } | null)?.redactions ?? []) as Redaction[],
});
export const toolResultsOf = (lines: { metadata?: Record<string, unknown> | null }[]): ToolResult[] =>
  lines.flatMap((line) => ((line.metadata as { tools?: ToolResult[] } | null)?.tools ?? []) as ToolResult[]);

/**
 * Scores a call now: the rule-based score, and once the call is over the LLM's grade when it can be
 * had. Stores it (keeping a reviewer's override), tells live subscribers, and raises
 * `compliance_issue` for each new violation and `qa_alert` for a final score below the threshold.
 */
export async function assessCall(
  { orm, mailers, chatFor }: CallQualityDeps,
  input: { callId: string; final: boolean },
): Promise<QaScore> {
  const em = orm.em.fork();
  const call = await em.findOneOrFail(Call, input.callId);
  const business = await em.findOneOrFail(BusinessConfig, call.business.id);
  const settings = qualitySettingsOf(business);
  const lines = await em.find(TranscriptLine, { call: call.id }, { orderBy: { sequence: 'asc' } });
  const qaLines = lines.map(qaLineOf);
  const startedAt = call.answeredAt ?? call.createdAt;
  const endedAt = call.endedAt ?? new Date();
  const rules = scoreQa({
    lines: qaLines,
    toolResults: toolResultsOf(lines),
    settings,
    callEnded: input.final,
    callDurationMs: Math.max(0, endedAt.getTime() - startedAt.getTime()),
    outboundStartedAt: call.direction === 'outbound' ? call.createdAt : null,
  });
  let graded: { score: number; components: typeof rules.components; grader: 'rules' | 'llm'; notes: string[] } = {
    score: rules.score,
    components: rules.components,
    grader: 'rules',
    notes: rules.notes,
  };
  const chat = input.final && lines.length ? await chatFor(call.organization.id) : null;
  if (chat) {
    try {
      const llm = await gradeWithLlm(chat, DEFAULT_LLM_MODEL, formatTranscript(qaLines), QA_RUBRIC, settings.qaWeights);
      // A violation the rules found stands whatever the model thought: compliance is the lower of the two.
      const components = {
        ...llm.components,
        compliance: Math.min(llm.components.compliance, rules.components.compliance),
      };
      graded = {
        score: weightedScore(components, rules.weights),
        components,
        grader: 'llm',
        notes: [llm.rationale, ...rules.notes],
      };
    } catch (error) {
      graded.notes = [`LLM grading failed, rule-based score kept: ${(error as Error).message}`, ...rules.notes];
    }
  }
  let qa = await em.findOne(QaScore, { call: call.id });
  qa ??= em.create(QaScore, {
    call,
    score: 0,
    components: graded.components,
    weights: rules.weights,
    grader: graded.grader,
    computedAt: new Date(),
  });
  Object.assign(qa, {
    score: graded.score,
    components: graded.components,
    weights: rules.weights,
    grader: graded.grader,
    final: input.final,
    violations: rules.violations,
    notes: graded.notes,
    computedAt: new Date(),
  });
  await em.flush();
  await publishEvent(em, {
    topic: TOPICS.qa,
    key: call.id,
    payload: { organizationId: call.organization.id, callId: call.id, score: qa.score, final: qa.final },
  });
  if (input.final) {
    await em.transactional((tx) =>
      recordWebhookEvent(tx, {
        organizationId: call.organization.id,
        type: 'call.qa_scored',
        // Once per call: the grade after hang-up (a reviewer's recalculation is not announced again).
        eventKey: `call.qa_scored:${call.id}`,
        data: {
          callId: call.id,
          businessId: call.business.id,
          score: Number(qa.score),
          grader: qa.grader,
          components: qa.components,
          violations: qa.violations,
        },
      }),
    );
  }

  const deps = { orm, mailers };
  for (const violation of rules.violations) {
    await notify(deps, {
      organizationId: call.organization.id,
      roles: ['admin', 'supervisor'],
      type: 'compliance_issue',
      title: `Compliance: ${violation.rule.replace(/_/g, ' ')} on a call to ${business.name}`,
      body: `${violation.detail}\nSeverity: ${violation.severity}.`,
      callId: call.id,
      dedupeKey: `call:${call.id}:compliance:${violation.rule}:${violation.lineSequence ?? 'call'}`,
    });
  }
  const score = Number(qa.score);
  if (input.final && score < settings.qaAlertThreshold) {
    await notify(deps, {
      organizationId: call.organization.id,
      roles: ['admin', 'supervisor'],
      type: 'qa_alert',
      title: `Low QA score (${score.toFixed(2)}) on a call to ${business.name}`,
      body: `The call scored ${score.toFixed(2)}, below the alert threshold of ${settings.qaAlertThreshold}.`,
      callId: call.id,
      dedupeKey: `call:${call.id}:qa_alert`,
    });
  }
  return qa;
}

export function createCallQualityActivities(deps: CallQualityDeps) {
  const { orm, mailers } = deps;
  return {
    async planCallQuality(input: { businessId: string; campaignId?: string }): Promise<CallQualityPlan> {
      const em = orm.em.fork();
      const business = await em.findOneOrFail(BusinessConfig, input.businessId);
      const campaign = input.campaignId ? await em.findOne(Campaign, input.campaignId) : null;
      const required = extractionSchemaFor(business, campaign)?.required;
      return {
        settings: qualitySettingsOf(business),
        handoffNumber: business.handoffNumber ?? null,
        collectsFields: Array.isArray(required) && required.length > 0,
      };
    },

    /**
     * Writes transcript lines (a repeat is a no-op), each customer line with its VADER scores and the
     * call's rolling sentiment after it; raises `sentiment_alert` (once per call) when a line falls
     * to the business's threshold. Answers the customer lines' scores and escalation keywords.
     */
    async recordTranscript(input: {
      organizationId: string;
      lines: TranscriptLineInput[];
      rolling: number | null;
      settings: Pick<QualitySettings, 'escalationKeywords' | 'sentimentAlertThreshold'>;
    }): Promise<{ rolling: number | null; customer: AssessedLine[] }> {
      let rolling = input.rolling;
      const customer: AssessedLine[] = [];
      const lines = input.lines.map((line) => {
        if (line.speaker !== 'customer') return line;
        const sentiment = scoreSentiment(line.text);
        rolling = rollingSentiment(rolling, sentiment.compound);
        customer.push({
          sequence: line.sequence,
          compound: sentiment.compound,
          keyword: matchesEscalationKeyword(line.text, input.settings.escalationKeywords),
        });
        return { ...line, sentiment: { ...sentiment, rolling } satisfies LineSentiment };
      });
      await appendTranscript(orm.em, lines);
      const low = customer.find((line) => line.compound <= input.settings.sentimentAlertThreshold);
      if (low) {
        const callId = input.lines[0]!.callId;
        await notify(
          { orm, mailers },
          {
            organizationId: input.organizationId,
            roles: ['admin', 'supervisor'],
            type: 'sentiment_alert',
            title: 'An unhappy caller on a live call',
            body: `A caller's line scored ${low.compound.toFixed(2)} (alert threshold ${input.settings.sentimentAlertThreshold}): "${
              input.lines.find((l) => l.sequence === low.sequence)?.text ?? ''
            }"`,
            callId,
            dedupeKey: `call:${callId}:sentiment_alert`,
          },
        );
      }
      return { rolling, customer };
    },

    async scoreCallQa(input: { callId: string; final: boolean }): Promise<{ score: number }> {
      const qa = await assessCall(deps, input);
      return { score: Number(qa.score) };
    },
  };
}
