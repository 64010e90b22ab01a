/**
 * A person's rights: their archive written as JSON into an export's chunks (downloaded like any
 * export), and their erasure across Postgres and Temporal in bounded, idempotent batches, each batch
 * adding what it removed to the request's receipt in the same transaction.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Context } from '@temporalio/activity';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { addToDoNotCall } from '../db/do-not-call.ts';
import {
  type ErasureReceipt,
  emptyErasureReceipt,
  PersonRequest,
  transcriptOriginalPurpose,
} from '../db/entities/index.ts';
import { appendChunk } from '../db/exports.ts';
import type { Orm } from '../db/orm.ts';
import {
  activePersonCallIds,
  callRecordFor,
  contactRecords,
  countPersonCalls,
  eraseCalls,
  eraseContacts,
  personCallIds,
  personContactIds,
  personLookup,
} from '../db/person-data.ts';
import type { Config } from '../lib/config.ts';
import type { Encryption } from '../lib/encryption.ts';
import {
  ERASURE_CALL_BATCH,
  ERASURE_WORKFLOW_BATCH,
  type PersonSubject,
  personExportWorkflowId,
} from '../workflows/definitions/person-requests.ts';
import { ChunkStore } from './exports.ts';

export interface PersonRequestActivityDeps {
  orm: Orm;
  encryption: Encryption;
  /** Deletes closed workflow executions that carry a person's data. */
  temporal: Pick<Client, 'workflow' | 'workflowService'>;
  config: Config;
}

/** gRPC's NOT_FOUND, as the workflow service answers for an execution already deleted. */
const NOT_FOUND = 5;

export function createPersonRequestActivities({ orm, encryption, temporal, config }: PersonRequestActivityDeps) {
  const { namespace } = config.temporal;

  /** Runs `change` on the request's receipt under a row lock, and stores what it left. */
  const withReceipt = <T>(
    requestId: string,
    change: (tx: EntityManager, receipt: ErasureReceipt, request: PersonRequest) => Promise<T>,
  ) =>
    orm.em.fork().transactional(async (tx) => {
      const request = await tx.findOneOrFail(PersonRequest, requestId, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const receipt = request.receipt ?? emptyErasureReceipt();
      const result = await change(tx, receipt, request);
      await tx.execute('update person_request set receipt = ? where id = ?', [JSON.stringify(receipt), requestId]);
      return result;
    });

  const setStage = (em: EntityManager, requestId: string, stage: string) =>
    em.execute('update person_request set stage = ? where id = ?', [stage, requestId]);

  /** Deletes one execution (the latest run); says what became of it. */
  const deleteExecution = async (workflowId: string, evenRunning: boolean) => {
    try {
      const described = await temporal.workflow.getHandle(workflowId).describe();
      if (described.status.name === 'RUNNING' && !evenRunning) return 'running' as const;
      await temporal.workflowService.deleteWorkflowExecution({ namespace, workflowExecution: { workflowId } });
      return 'deleted' as const;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError || (error as { code?: number }).code === NOT_FOUND) {
        return 'notFound' as const;
      }
      throw error;
    }
  };

  return {
    /** Writes the person's archive: every call about them with its lines, notes, QA, analysis and escalations. */
    async writePersonArchive(input: { requestId: string; exportId: string; subject: PersonSubject }) {
      const em = orm.em.fork();
      const request = await em.findOneOrFail(PersonRequest, input.requestId);
      const organizationId = request.organization.id;
      const who = personLookup(encryption, organizationId, input.subject);
      const total = await countPersonCalls(em, organizationId, who);
      await em.execute('delete from export_chunk where export_id = ?', [input.exportId]);
      await em.execute(
        `update person_request set stage = 'writing archive', items_done = 0, items_total = ? where id = ?`,
        [total, input.requestId],
      );
      const callIds = await personCallIds(em, organizationId, who, { limit: total });
      const contactIds = await personContactIds(em, organizationId, who);
      let done = 0;
      async function* archive() {
        yield `{"subject":${JSON.stringify(input.subject)},"generatedAt":"${new Date().toISOString()}","originalsIncluded":${request.includeOriginals},"calls":[`;
        for (const callId of callIds) {
          const record = await callRecordFor(em, encryption, callId);
          const lines = record.lines.map((line) => ({
            sequence: line.sequence,
            speaker: line.speaker,
            startMs: line.start_ms,
            text: line.text,
            ...(request.includeOriginals && line.original_text
              ? { original: encryption.open(organizationId, transcriptOriginalPurpose(callId), line.original_text) }
              : {}),
          }));
          const transcript = lines.map((line) => `${line.speaker}: ${line.original ?? line.text}`).join('\n');
          yield `${done ? ',' : ''}${JSON.stringify({ ...record.call, transcript, lines, notes: record.notes, qa: record.qa, analysis: record.analysis, escalations: record.escalations })}`;
          done += 1;
          await em.execute('update person_request set items_done = ? where id = ?', [done, input.requestId]);
          Context.current().heartbeat(done);
        }
        const doNotCall =
          input.subject.kind === 'phone'
            ? await em.execute(
                'select phone_number, reason, source, created_at from do_not_call where organization_id = ? and phone_number = ?',
                [organizationId, input.subject.value],
              )
            : [];
        yield `],"campaignContacts":${JSON.stringify(await contactRecords(em, encryption, contactIds))},"doNotCall":${JSON.stringify(doNotCall)}}`;
      }
      const store = new ChunkStore((sequence, data) => appendChunk(em.fork(), input.exportId, sequence, data));
      await pipeline(Readable.from(archive()), store);
      await em.execute(
        `update data_export set status = 'completed', rows_done = ?, rows_total = ?, bytes = ?, completed_at = now()
         where id = ?`,
        [done, done, store.bytes, input.exportId],
      );
      await em.execute(
        `update person_request set status = 'completed', stage = null, completed_at = now() where id = ?`,
        [input.requestId],
      );
      return { calls: done };
    },

    async failPersonRequest({ requestId, error }: { requestId: string; error: string }): Promise<void> {
      await orm.em
        .fork()
        .execute(`update person_request set status = 'failed', error = ? where id = ?`, [
          error.slice(0, 2000),
          requestId,
        ]);
    },

    /** Erases the next batch of the person's ended calls; answers how many it erased (fewer than a batch: no more). */
    async erasePersonCalls({ requestId, subject }: { requestId: string; subject: PersonSubject }) {
      return withReceipt(requestId, async (tx, receipt, request) => {
        const organizationId = request.organization.id;
        if (!receipt.postgres.calls.length) await setStage(tx, requestId, 'erasing calls');
        const who = personLookup(encryption, organizationId, subject);
        const callIds = await personCallIds(tx, organizationId, who, {
          limit: ERASURE_CALL_BATCH,
          terminalOnly: true,
          forUpdate: true,
          excluding: receipt.postgres.calls,
        });
        await eraseCalls(tx, callIds, subject, receipt);
        receipt.postgres.activeCalls = await activePersonCallIds(tx, organizationId, who);
        await tx.execute('update person_request set items_done = ? where id = ?', [
          receipt.postgres.calls.length,
          requestId,
        ]);
        return { erased: callIds.length };
      });
    },

    /** Anonymises the person's campaign contacts. */
    async erasePersonContacts({ requestId, subject }: { requestId: string; subject: PersonSubject }) {
      return withReceipt(requestId, async (tx, receipt, request) => {
        const contactIds = await personContactIds(
          tx,
          request.organization.id,
          personLookup(encryption, request.organization.id, subject),
        );
        await eraseContacts(tx, contactIds);
        receipt.postgres.campaignContacts.push(...contactIds);
        return { erased: contactIds.length };
      });
    },

    /** Deletes earlier archives about the person: their files, and their workflows (which hold who it was). */
    async erasePersonExports({ requestId }: { requestId: string }) {
      return withReceipt(requestId, async (tx, receipt, request) => {
        const earlier = await tx.execute<{ id: string; export_id: string | null }[]>(
          // By any hash the two share: exports made before a master key rotation are found too.
          `select id, export_id from person_request
           where organization_id = ? and kind = 'export' and id <> ?
             and (subject_hash = ? or subject_hashes && ?::text[])`,
          [
            request.organization.id,
            requestId,
            request.subjectHash,
            `{${[request.subjectHash, ...request.subjectHashes].join(',')}}`,
          ],
        );
        for (const { id, export_id: exportId } of earlier) {
          if (exportId) {
            await tx.execute('delete from export_chunk where export_id = ?', [exportId]);
            await tx.execute(`update data_export set status = 'expired' where id = ?`, [exportId]);
            if (!receipt.postgres.exports.includes(exportId)) receipt.postgres.exports.push(exportId);
          }
          const workflowId = personExportWorkflowId(id);
          const outcome = await deleteExecution(workflowId, true);
          if (outcome === 'deleted' && !receipt.temporal.deleted.includes(workflowId))
            receipt.temporal.deleted.push(workflowId);
        }
        return { erased: earlier.length };
      });
    },

    /** Puts the person's number on the do-not-call list, as the business chose. */
    async addPersonToDoNotCall({ requestId, subject }: { requestId: string; subject: PersonSubject }) {
      return withReceipt(requestId, async (tx, receipt, request) => {
        await addToDoNotCall(tx, {
          organizationId: request.organization.id,
          phoneNumber: subject.value,
          reason: 'Erasure request',
          source: 'manual',
          addedById: request.requestedById ?? null,
          addedByLabel: request.requestedByLabel ?? null,
        });
        receipt.doNotCall.added = true;
      });
    },

    /** Deletes the next batch of queued workflow executions (closed ones only); answers how many remain. */
    async deletePersonWorkflows({ requestId }: { requestId: string }) {
      const [row] = await orm.em
        .fork()
        .execute<{ receipt: ErasureReceipt | null }[]>('select receipt from person_request where id = ?', [requestId]);
      const batch = (row?.receipt?.temporal.queued ?? []).slice(0, ERASURE_WORKFLOW_BATCH);
      await setStage(orm.em.fork(), requestId, 'deleting workflow executions');
      const outcomes: { workflowId: string; outcome: 'deleted' | 'running' | 'notFound' }[] = [];
      for (const workflowId of batch) {
        outcomes.push({ workflowId, outcome: await deleteExecution(workflowId, false) });
        Context.current().heartbeat(outcomes.length);
      }
      return withReceipt(requestId, async (_tx, receipt) => {
        for (const { workflowId, outcome } of outcomes) {
          if (!receipt.temporal[outcome].includes(workflowId)) receipt.temporal[outcome].push(workflowId);
        }
        const handled = new Set(batch);
        receipt.temporal.queued = receipt.temporal.queued.filter((id) => !handled.has(id));
        return { remaining: receipt.temporal.queued.length };
      });
    },

    async completePersonErasure({ requestId }: { requestId: string }): Promise<void> {
      await orm.em
        .fork()
        .execute(`update person_request set status = 'completed', stage = null, completed_at = now() where id = ?`, [
          requestId,
        ]);
    },
  };
}
