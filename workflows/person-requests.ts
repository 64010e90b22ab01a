import { ApplicationFailure, proxyActivities, sleep } from '@temporalio/workflow';
import type { createExportActivities } from '../activities/exports.ts';
import type { createPersonRequestActivities } from '../activities/person-requests.ts';
import {
  ERASURE_CALL_BATCH,
  type PersonErasureInput,
  type PersonErasureResult,
  type PersonErasureWorkflow,
  type PersonExportInput,
  type PersonExportResult,
  type PersonExportWorkflow,
} from './definitions/person-requests.ts';
import { activityPresets } from './definitions/presets.ts';

type PersonActivities = ReturnType<typeof createPersonRequestActivities>;
const archives = proxyActivities<PersonActivities>(activityPresets.export);
const erasure = proxyActivities<PersonActivities>(activityPresets.erasure);
const records = proxyActivities<PersonActivities & ReturnType<typeof createExportActivities>>(activityPresets.database);

const reasonOf = (error: unknown): string => {
  const cause = error instanceof ApplicationFailure ? error : ((error as { cause?: Error }).cause ?? error);
  return (cause as Error).message ?? 'failed';
};

/** Writes a person's archive (progress on the request as it goes), keeps it for its retention, then deletes it. */
export async function personExportWorkflow(input: PersonExportInput): Promise<PersonExportResult> {
  let calls = 0;
  try {
    calls = (await archives.writePersonArchive(input)).calls;
  } catch (error) {
    await records.failPersonRequest({ requestId: input.requestId, error: reasonOf(error) });
    await records.failExport({ exportId: input.exportId, error: reasonOf(error) });
    return { status: 'failed', calls };
  }
  await sleep(input.retentionSeconds * 1000);
  await records.expireExport({ exportId: input.exportId });
  return { status: 'expired', calls };
}

/**
 * Erases a person: their ended calls batch by batch, their campaign contacts and earlier archives,
 * then the workflow executions that carried their data; the number on the do-not-call list if asked.
 * Every step adds to the request's receipt, so a retried step repeats nothing.
 */
export async function personErasureWorkflow(input: PersonErasureInput): Promise<PersonErasureResult> {
  const { requestId, subject } = input;
  let calls = 0;
  try {
    for (let erased = ERASURE_CALL_BATCH; erased === ERASURE_CALL_BATCH; calls += erased) {
      erased = (await erasure.erasePersonCalls({ requestId, subject })).erased;
    }
    await erasure.erasePersonContacts({ requestId, subject });
    await erasure.erasePersonExports({ requestId });
    if (input.addToDoNotCall && subject.kind === 'phone') await erasure.addPersonToDoNotCall({ requestId, subject });
    while ((await erasure.deletePersonWorkflows({ requestId })).remaining > 0);
    await records.completePersonErasure({ requestId });
    return { status: 'completed', calls };
  } catch (error) {
    await records.failPersonRequest({ requestId, error: reasonOf(error) });
    return { status: 'failed', calls };
  }
}

personExportWorkflow satisfies PersonExportWorkflow;
personErasureWorkflow satisfies PersonErasureWorkflow;
