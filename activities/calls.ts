import {
  appendTranscript,
  type NewCall,
  recordAnsweredBy,
  recordCall,
  type StatusChange,
  transitionCall,
} from '../db/calls.ts';
import type { Orm } from '../db/orm.ts';
import type { TranscriptLineInput } from '../workflows/definitions/call.ts';

export interface CallActivityDeps {
  orm: Orm;
}

/** Call persistence for the call workflow; each activity is safe to retry. */
export function createCallActivities({ orm }: CallActivityDeps) {
  return {
    async recordCall(input: NewCall): Promise<void> {
      await recordCall(orm.em, input);
    },
    async appendTranscript(lines: TranscriptLineInput[]): Promise<void> {
      await appendTranscript(orm.em, lines);
    },
    async recordAnsweredBy(input: { callId: string; answeredBy: string }): Promise<void> {
      await recordAnsweredBy(orm.em, input.callId, input.answeredBy);
    },
    async setCallStatus(change: StatusChange): Promise<{ changed: boolean }> {
      const { changed } = await transitionCall(orm.em, change);
      return { changed };
    },
  };
}
