import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { Call } from './call.ts';
import { uuidPrimaryKey } from './common.ts';
import { User } from './user.ts';

export interface QaComponentScores {
  sentiment: number;
  compliance: number;
  accuracy: number;
  professionalism: number;
}

export interface StoredViolation {
  rule: string;
  severity: string;
  lineSequence: number | null;
  offsetMs: number | null;
  detail: string;
}

/** A call's quality score: live while the call runs, final after hang-up; a reviewer may override it. */
export const QaScore = defineEntity({
  name: 'QaScore',
  properties: {
    id: uuidPrimaryKey(),
    call: () => p.oneToOne(Call).owner().unique().deleteRule('cascade'),
    score: p.double(),
    components: p.json<QaComponentScores>(),
    weights: p.json<QaComponentScores>(),
    grader: p.enum(['rules', 'llm'] as const),
    final: p.boolean().default(false),
    violations: p
      .json<StoredViolation[]>()
      .default('[]')
      .onCreate(() => []),
    notes: p
      .json<string[]>()
      .default('[]')
      .onCreate(() => []),
    computedAt: p.datetime(),
    overrideScore: p.double().nullable(),
    overrideReason: p.text().nullable(),
    overrideBy: () => p.manyToOne(User).nullable().deleteRule('set null'),
    overrideAt: p.datetime().nullable(),
  },
  // Analytics: each change recomputes the call's row in call_facts (db/entities/analytics.ts).
  triggers: [
    {
      name: 'qa_score_analytics_insert',
      timing: 'after',
      events: ['insert'],
      forEach: 'statement',
      expression:
        'create trigger "qa_score_analytics_insert" after insert on "qa_score" referencing new table as changed for each statement execute function analytics_call_parts_changed()',
    },
    {
      name: 'qa_score_analytics_update',
      timing: 'after',
      events: ['update'],
      forEach: 'statement',
      expression:
        'create trigger "qa_score_analytics_update" after update on "qa_score" referencing new table as changed for each statement execute function analytics_call_parts_changed()',
    },
    {
      name: 'qa_score_analytics_delete',
      timing: 'after',
      events: ['delete'],
      forEach: 'statement',
      expression:
        'create trigger "qa_score_analytics_delete" after delete on "qa_score" referencing old table as changed for each statement execute function analytics_call_parts_changed()',
    },
  ],
});
export type QaScore = InferEntity<typeof QaScore>;
