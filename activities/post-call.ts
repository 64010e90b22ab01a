/**
 * After the call, for `postCallWorkflow`: the summary and outcome, the structured extraction against
 * the business's schema, the adversarial-caller score, and finishing (the call's outcome and score
 * for history, a notification for a difficult caller, `call.analyzed`). Each part is written on its
 * own, so a retried activity rewrites only its part. With `useModel` an LLM failure throws (Temporal
 * retries it); without, the rules answer.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type OpenAI from 'openai';
import { BusinessConfig, Call, CallAnalysis, type StoredExtraction, TranscriptLine } from '../db/entities/index.ts';
import { publishEvent, TOPICS } from '../db/events.ts';
import type { Orm } from '../db/orm.ts';
import { extractionOfAnalysis, sealExtraction } from '../db/sealed-columns.ts';
import { recordWebhookEvent } from '../db/webhooks.ts';
import type { Encryption } from '../lib/encryption.ts';
import { adversarialByModel, adversarialByRules, combineAdversarial } from '../quality/adversarial.ts';
import { summarizeByRules, summarizeWithModel } from '../quality/call-summary.ts';
import {
  assessExtraction,
  type ExtractionLine,
  extractWithModel,
  missingRequired,
  unavailableExtraction,
} from '../quality/extraction.ts';
import { compileExtractionSchema } from '../quality/extraction-schema.ts';
import { DEFAULT_LLM_MODEL } from '../quality/grader.ts';
import { extractionSchemaFor, postCallSettingsOf } from '../quality/post-call-settings.ts';
import { type Mailers, notify } from './notifications.ts';

export interface PostCallDeps {
  orm: Orm;
  /** Seals each extraction for its organisation (db/sealed-columns.ts). */
  encryption: Encryption;
  mailers: Mailers;
  /** The organisation's chat client (its OpenAI key, the platform's, or the simulator); null: rules only. */
  chatFor: (organizationId: string) => Promise<OpenAI | null>;
}

interface CallContext {
  em: EntityManager;
  call: Call;
  business: BusinessConfig;
  lines: TranscriptLine[];
  /** What the call collects: its campaign's schema, or else its business's; null when neither has one. */
  extractionSchema: Record<string, unknown> | null;
}

const spokenLines = (lines: TranscriptLine[]): ExtractionLine[] =>
  lines
    .filter((l) => l.speaker !== 'system')
    .map((l) => ({ sequence: l.sequence, speaker: l.speaker, text: l.text, compound: l.sentiment?.compound ?? null }));

export function createPostCallActivities({ orm, encryption, mailers, chatFor }: PostCallDeps) {
  async function load(callId: string): Promise<CallContext> {
    const em = orm.em.fork();
    const call = await em.findOneOrFail(Call, callId, { populate: ['campaign'] });
    const business = await em.findOneOrFail(BusinessConfig, call.business.id);
    const lines = await em.find(TranscriptLine, { call: callId }, { orderBy: { sequence: 'asc' } });
    return { em, call, business, lines, extractionSchema: extractionSchemaFor(business, call.campaign ?? null) };
  }

  /** The call's analysis row, created empty the first time a part is written. */
  async function analysisOf(em: EntityManager, call: Call): Promise<CallAnalysis> {
    await em.execute(
      `insert into call_analysis (id, call_id, organization_id, action_items, notes, created_at, updated_at)
         values (gen_random_uuid(), ?, ?, '[]', '[]', now(), now()) on conflict (call_id) do nothing`,
      [call.id, call.organization.id],
    );
    return em.findOneOrFail(CallAnalysis, { call: call.id }, { refresh: true });
  }

  /** The client to ask, or null for the rules (none configured, or the rules were asked for). */
  const clientFor = async (call: Call, useModel: boolean) => (useModel ? chatFor(call.organization.id) : null);

  return {
    /** Summary, outcome (one of the business's), action items and intent. */
    async analyzeCall(input: {
      callId: string;
      useModel: boolean;
    }): Promise<{ source: 'llm' | 'rules'; outcome: string }> {
      const { em, call, business, lines } = await load(input.callId);
      const { outcomes } = postCallSettingsOf(business);
      const facts = {
        status: call.status,
        endReason: call.endReason ?? null,
        handedToHuman: call.endReason === 'escalated_to_agent' || call.endReason === 'supervisor_takeover',
      };
      const spoken = spokenLines(lines);
      const client = spoken.length ? await clientFor(call, input.useModel) : null;
      const notes: string[] = [];
      const summary = client
        ? await summarizeWithModel(client, DEFAULT_LLM_MODEL, { lines: spoken, facts, outcomes })
        : summarizeByRules({ lines: spoken, facts, outcomes });
      if (!client && input.useModel === false && spoken.length)
        notes.push('The model could not summarise the call; rules wrote this.');
      const analysis = await analysisOf(em, call);
      Object.assign(analysis, {
        summary: summary.summary,
        outcome: summary.outcome,
        actionItems: summary.actionItems,
        intent: summary.intent,
        source: summary.source,
        notes,
      });
      await em.flush();
      return { source: summary.source, outcome: summary.outcome };
    },

    /** The business's schema filled from the transcript, validated; nothing when the business has no schema. */
    async extractCallData(input: { callId: string; useModel: boolean }): Promise<{ status: string } | null> {
      const { em, call, lines, extractionSchema } = await load(input.callId);
      if (!extractionSchema) return null;
      const spec = compileExtractionSchema(extractionSchema);
      const spoken = spokenLines(lines);
      const client = await clientFor(call, input.useModel);
      const extraction = client
        ? assessExtraction(
            spec,
            await extractWithModel(client, DEFAULT_LLM_MODEL, spec, spoken),
            spoken,
            call.endedAt ?? new Date(),
          )
        : unavailableExtraction(
            spec,
            input.useModel ? 'No chat model is configured.' : 'The model could not be reached or answered unusably.',
          );
      const analysis = await analysisOf(em, call);
      Object.assign(analysis, {
        extraction: null,
        ...sealExtraction(encryption, call.organization.id, call.id, extraction),
      });
      await em.flush();
      return { status: extraction.status };
    },

    /** The rules' score and, with the model, the grader's; flagged at the business's threshold. */
    async scoreAdversarialCaller(input: {
      callId: string;
      useModel: boolean;
    }): Promise<{ score: number; flagged: boolean }> {
      const { em, call, business, lines } = await load(input.callId);
      const { adversarialAlertThreshold } = postCallSettingsOf(business);
      const spoken = spokenLines(lines);
      const rules = adversarialByRules(spoken);
      const client = spoken.some((l) => l.speaker === 'customer') ? await clientFor(call, input.useModel) : null;
      const llm = client ? await adversarialByModel(client, DEFAULT_LLM_MODEL, spoken) : null;
      const adversarial = combineAdversarial(rules, llm, adversarialAlertThreshold);
      const analysis = await analysisOf(em, call);
      analysis.adversarial = adversarial;
      await em.flush();
      return { score: adversarial.score, flagged: adversarial.flagged };
    },

    /**
     * Finishes the analysis: the call carries its outcome and score (history filters on them), a
     * flagged caller notifies admins and supervisors, and `call.analyzed` (and `call.flagged`) go out.
     */
    async completeCallAnalysis(input: { callId: string }): Promise<void> {
      const { call, business } = await load(input.callId);
      const flagged = await orm.em.fork().transactional(async (em) => {
        const analysis = await analysisOf(em, call);
        analysis.completedAt ??= new Date();
        await em.nativeUpdate(
          Call,
          { id: call.id },
          { outcome: analysis.outcome ?? null, adversarialScore: analysis.adversarial?.score ?? null },
        );
        await em.flush();
        const data = analysisPayload(call, analysis, extractionOfAnalysis(encryption, analysis));
        await recordWebhookEvent(em, {
          organizationId: call.organization.id,
          type: 'call.analyzed',
          eventKey: `call.analyzed:${call.id}`,
          data,
          // It carries the extraction, sealed in call_analysis too.
          sealWith: encryption,
        });
        if (analysis.adversarial?.flagged) {
          await recordWebhookEvent(em, {
            organizationId: call.organization.id,
            type: 'call.flagged',
            eventKey: `call.flagged:${call.id}`,
            data: { callId: call.id, businessId: call.business.id, adversarial: analysis.adversarial },
          });
        }
        await publishEvent(em, {
          topic: TOPICS.analysis,
          key: call.id,
          payload: { organizationId: call.organization.id, callId: call.id },
        });
        return analysis.adversarial?.flagged ? analysis.adversarial : null;
      });
      if (flagged) {
        await notify(
          { orm, mailers },
          {
            organizationId: call.organization.id,
            roles: ['admin', 'supervisor'],
            type: 'adversarial_caller',
            title: `A difficult caller (${flagged.score.toFixed(1)}/10) on a call to ${business.name}`,
            body: `The caller scored ${flagged.score.toFixed(1)} of 10 (threshold ${flagged.threshold}): ${[
              ...flagged.rules.signals.map((s) => s.detail),
              ...(flagged.llm?.reasons ?? []),
            ]
              .slice(0, 5)
              .join('; ')}.`,
            callId: call.id,
            dedupeKey: `call:${call.id}:adversarial`,
          },
        );
      }
    },

    /**
     * While the call runs: the required fields of the business's schema the caller has not given yet
     * (from the model's reading of the transcript so far); null when the business collects nothing
     * or the model cannot say.
     */
    async missingCallFields(input: {
      callId: string;
    }): Promise<{ missing: { name: string; description: string | null }[] } | null> {
      const { call, lines, extractionSchema } = await load(input.callId);
      if (!extractionSchema) return null;
      const spec = compileExtractionSchema(extractionSchema);
      const client = await chatFor(call.organization.id);
      if (!client) return null;
      const spoken = spokenLines(lines);
      try {
        const extraction = assessExtraction(
          spec,
          await extractWithModel(client, DEFAULT_LLM_MODEL, spec, spoken),
          spoken,
          new Date(),
        );
        return {
          missing: missingRequired(spec, extraction).map((f) => ({ name: f.name, description: f.description })),
        };
      } catch {
        return null;
      }
    },
  };
}

/** What `call.analyzed` carries: the analysis, its extraction opened. */
export function analysisPayload(
  call: Call,
  analysis: CallAnalysis,
  extraction: StoredExtraction | null,
): Record<string, unknown> {
  return {
    callId: call.id,
    businessId: call.business.id,
    direction: call.direction,
    status: call.status,
    summary: analysis.summary,
    outcome: analysis.outcome,
    actionItems: analysis.actionItems,
    intent: analysis.intent,
    source: analysis.source,
    extraction,
    adversarial: analysis.adversarial,
  };
}
