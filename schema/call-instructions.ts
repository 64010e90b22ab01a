/** Which instructions a call's agent ran with: the business's version when the call's stream started. */
import { BusinessInstructionsVersion } from '../db/entities/index.ts';
import { builder } from './builder.ts';
import { InstructionsVersionRef } from './business.ts';
import { CallRef } from './call.ts';

builder.objectFields(CallRef, (t) => ({
  instructionsVersion: t.field({
    type: InstructionsVersionRef,
    nullable: true,
    description:
      "The business's instructions version the agent ran with; null until the call's audio reached a bridge.",
    resolve: async (call, _args, { em }) => {
      const row = await em
        .getConnection()
        .execute<{ instructions_version_id: string | null }[]>(
          'select instructions_version_id from call where id = ?',
          [call.id],
        );
      const versionId = row[0]?.instructions_version_id;
      return versionId ? em.findOne(BusinessInstructionsVersion, versionId) : null;
    },
  }),
}));
