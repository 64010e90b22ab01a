/**
 * The one place the gateway starts and messages workflows: resolvers and Twilio's webhooks go
 * through `Workflows`, which knows each workflow's id, task queue, search attributes and how a
 * refused message becomes a typed error.
 */
import {
  type Client,
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  type ScheduleOptionsStartWorkflowAction,
  ScheduleOverlapPolicy,
  type ScheduleSpec,
  WorkflowExecutionAlreadyStartedError,
  type WorkflowHandle,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type { SignalDefinition, UpdateDefinition, Workflow } from '@temporalio/common';
import { callWorkflowInput } from '../db/calls.ts';
import type { BusinessConfig, Campaign, DocSource } from '../db/entities/index.ts';
import type { Config } from '../lib/config.ts';
import { ConflictError } from '../lib/errors.ts';
import {
  type BridgeAttachment,
  bridgeQuery,
  CALL_WORKFLOW_TYPE,
  type CallWorkflow,
  type CallWorkflowInput,
  callWorkflowId,
  endCallSignal,
  type StreamDecision,
  streamEndedUpdate,
  type TwilioStatusUpdate,
  twilioStatusSignal,
} from '../workflows/definitions/call.ts';
import {
  CAMPAIGN_WORKFLOW_TYPE,
  type CampaignWorkflow,
  campaignWorkflowId,
  contactsAddedSignal,
} from '../workflows/definitions/campaign.ts';
import {
  DOC_SYNC_WORKFLOW_TYPE,
  type DocSyncInput,
  type DocSyncWorkflow,
  docSyncScheduleId,
  docSyncWorkflowId,
} from '../workflows/definitions/doc-sync.ts';
import { escalationWorkflowId } from '../workflows/definitions/escalation.ts';
import { EXPORT_WORKFLOW_TYPE, type ExportWorkflow, exportWorkflowId } from '../workflows/definitions/export.ts';
import {
  KNOWLEDGE_INGEST_WORKFLOW_TYPE,
  KNOWLEDGE_REINDEX_WORKFLOW_TYPE,
  type KnowledgeIngestWorkflow,
  type KnowledgeReindexProgress,
  type KnowledgeReindexWorkflow,
  knowledgeReindexProgressQuery,
  knowledgeReindexWorkflowId,
  knowledgeWorkflowId,
} from '../workflows/definitions/knowledge.ts';
import {
  PERSON_ERASURE_WORKFLOW_TYPE,
  PERSON_EXPORT_WORKFLOW_TYPE,
  type PersonErasureInput,
  type PersonErasureWorkflow,
  type PersonExportInput,
  type PersonExportWorkflow,
  personErasureWorkflowId,
  personExportWorkflowId,
} from '../workflows/definitions/person-requests.ts';
import {
  POST_CALL_WORKFLOW_TYPE,
  type PostCallWorkflow,
  postCallWorkflowId,
} from '../workflows/definitions/post-call.ts';
import {
  QA_RECALCULATION_WORKFLOW_TYPE,
  type QaRecalculationWorkflow,
  qaRecalculationWorkflowId,
} from '../workflows/definitions/quality.ts';
import {
  RETENTION_WORKFLOW_TYPE,
  type RetentionWorkflowInput,
  retentionScheduleId,
} from '../workflows/definitions/retention.ts';
import { searchAttributes } from '../workflows/definitions/search-attributes.ts';
import {
  retryNowSignal,
  WEBHOOK_DELIVERY_WORKFLOW_TYPE,
  type WebhookDeliveryWorkflow,
  webhookDeliveryWorkflowId,
} from '../workflows/definitions/webhooks.ts';

/** The parts of a call its workflow input is made from. */
export type NewCallWorkflow = Pick<
  CallWorkflowInput,
  'callId' | 'organizationId' | 'direction' | 'fromNumber' | 'toNumber' | 'twilioCallSid'
>;

/**
 * Runs a message to a workflow; the workflow refusing it (an update's validator or handler) or
 * being gone becomes a ConflictError saying what could not be done and why.
 */
export async function refusedAsConflict<T>(send: () => Promise<T>, what: string, gone: string): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError || error instanceof WorkflowNotFoundError) {
      const cause = (error as Error & { cause?: Error }).cause;
      throw new ConflictError(`cannot ${what}: ${cause?.message ?? gone}`);
    }
    throw error;
  }
}

export class Workflows {
  readonly #temporal: Client;
  readonly #config: Config;

  constructor(temporal: Client, config: Config) {
    this.#temporal = temporal;
    this.#config = config;
  }

  // ---------------------------------------------------------------- connection

  /**
   * Whether Temporal answers for the namespace, and how many workers poll the platform's task queue
   * (none: calls would wait forever).
   */
  async describeConnection(): Promise<{ namespace: string; state: string; pollers: number; taskQueue: string }> {
    const service = this.#temporal.workflowService;
    const { namespace, taskQueue } = this.#config.temporal;
    const described = await service.describeNamespace({ namespace });
    const queue = await service.describeTaskQueue({
      namespace,
      taskQueue: { name: taskQueue, kind: 1 },
      taskQueueType: 1,
    });
    return {
      namespace,
      taskQueue,
      state: String(described.namespaceInfo?.state ?? 'unknown'),
      pollers: queue.pollers?.length ?? 0,
    };
  }

  // ---------------------------------------------------------------- calls

  /** A call workflow's input: the call, and what its business asks for (limits, voicemail). */
  callInput(business: BusinessConfig, call: NewCallWorkflow): CallWorkflowInput {
    return callWorkflowInput(this.#config.calls, business, call);
  }

  /**
   * How every call workflow is started: its id, queue, the search attributes operators filter on,
   * and a memo that says in the Temporal UI whose call it is.
   */
  #callOptions(input: CallWorkflowInput, business: Pick<BusinessConfig, 'name'>) {
    return {
      taskQueue: this.#config.temporal.taskQueue,
      workflowId: callWorkflowId(input.callId),
      args: [input] as [CallWorkflowInput],
      memo: {
        business: business.name,
        direction: input.direction,
        from: input.fromNumber,
        to: input.toNumber,
      },
      typedSearchAttributes: [
        { key: searchAttributes.businessId, value: input.businessId },
        { key: searchAttributes.callDirection, value: input.direction },
        { key: searchAttributes.callStatus, value: 'queued' },
      ],
    };
  }

  async startCall(input: CallWorkflowInput, business: Pick<BusinessConfig, 'name'>): Promise<void> {
    await this.#temporal.workflow.start<CallWorkflow>(CALL_WORKFLOW_TYPE, this.#callOptions(input, business));
  }

  /** An inbound call: starts its workflow with Twilio's first word, or only signals it when Twilio retried the webhook. */
  async answerInboundCall(
    input: CallWorkflowInput,
    business: Pick<BusinessConfig, 'name'>,
    status: TwilioStatusUpdate,
  ): Promise<void> {
    await this.#temporal.workflow.signalWithStart<CallWorkflow, [TwilioStatusUpdate]>(CALL_WORKFLOW_TYPE, {
      ...this.#callOptions(input, business),
      signal: twilioStatusSignal,
      signalArgs: [status],
    });
  }

  #call(callId: string): WorkflowHandle<CallWorkflow> {
    return this.#temporal.workflow.getHandle(callWorkflowId(callId));
  }

  /** Signals a call's workflow; false when it is not running (an unknown or finished call). */
  async signalCall<Args extends unknown[]>(
    callId: string,
    signal: SignalDefinition<Args>,
    ...args: Args
  ): Promise<boolean> {
    try {
      await this.#call(callId).signal(signal, ...args);
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  }

  /** Asks a call's workflow to hang up; ConflictError once it no longer runs. */
  async endCall(callId: string, reason: string): Promise<void> {
    if (!(await this.signalCall(callId, endCallSignal, { reason }))) {
      throw new ConflictError(`call ${callId} is no longer running`);
    }
  }

  /** Runs an update on a call's workflow; the workflow refusing it, or being gone, is a ConflictError. */
  async updateCall<Ret, Arg>(callId: string, update: UpdateDefinition<Ret, [Arg]>, arg: Arg, what: string) {
    return refusedAsConflict(
      () => this.#call(callId).executeUpdate(update, { args: [arg] }),
      what,
      'the call has ended',
    );
  }

  /**
   * Twilio says the call's media stream ended: whether the workflow wants it streamed again;
   * undefined for a call that is not running, `timeout` when the workflow did not answer in time.
   */
  async streamEnded(callId: string, timeoutMs: number): Promise<StreamDecision | undefined | 'timeout'> {
    const asked = this.#call(callId)
      .executeUpdate(streamEndedUpdate, { args: [] })
      .catch((error: unknown) => {
        if (error instanceof WorkflowNotFoundError || error instanceof WorkflowUpdateFailedError) return undefined;
        throw error;
      });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      return await Promise.race([asked, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The bridge holding the call's media stream, or null when none does (or the workflow cannot say). */
  async bridgeOf(callId: string): Promise<BridgeAttachment | null> {
    return this.#call(callId)
      .query(bridgeQuery)
      .catch(() => null);
  }

  // ---------------------------------------------------------------- campaigns

  /**
   * Starts a campaign's workflow (`campaign-<id>`), searchable by `CampaignId`, `BusinessId` and
   * `CampaignStatus`; ConflictError if it already runs.
   */
  async startCampaign(campaign: Campaign, business: Pick<BusinessConfig, 'id' | 'name'>): Promise<void> {
    try {
      await this.#temporal.workflow.start<CampaignWorkflow>(CAMPAIGN_WORKFLOW_TYPE, {
        taskQueue: this.#config.temporal.taskQueue,
        workflowId: campaignWorkflowId(campaign.id),
        args: [{ campaignId: campaign.id, organizationId: campaign.organization.id, businessId: business.id }],
        workflowIdConflictPolicy: 'FAIL',
        memo: { campaign: campaign.name, business: business.name },
        typedSearchAttributes: [
          { key: searchAttributes.campaignId, value: campaign.id },
          { key: searchAttributes.businessId, value: business.id },
          { key: searchAttributes.campaignStatus, value: campaign.status },
        ],
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        throw new ConflictError(`campaign ${campaign.name} is already running`);
      }
      throw error;
    }
  }

  /** Pauses, resumes or cancels a campaign; its workflow refusing (or being over) is a ConflictError. */
  async messageCampaign<T>(campaignId: string, send: (handle: WorkflowHandle) => Promise<T>, what: string): Promise<T> {
    return refusedAsConflict(
      () => send(this.#temporal.workflow.getHandle(campaignWorkflowId(campaignId))),
      what,
      'the campaign is over',
    );
  }

  /** Tells a running campaign that contacts were added, so it looks for due ones at once. */
  async campaignContactsAdded(campaignId: string): Promise<void> {
    await this.#temporal.workflow
      .getHandle(campaignWorkflowId(campaignId))
      .signal(contactsAddedSignal)
      .catch((error: unknown) => {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      });
  }

  // ---------------------------------------------------------------- quality

  /** Scores a call again in the worker (the one process that writes QA scores) and waits for it. */
  async recalculateQa(callId: string, final: boolean): Promise<void> {
    await this.#temporal.workflow.execute<QaRecalculationWorkflow>(QA_RECALCULATION_WORKFLOW_TYPE, {
      taskQueue: this.#config.temporal.taskQueue,
      workflowId: qaRecalculationWorkflowId(callId),
      args: [{ callId, final }],
      // Two reviewers asking at once share one run.
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
  }

  /** Runs a finished call's post-call analysis again and waits for it; two requests at once share one run. */
  async reanalyzeCall(callId: string): Promise<void> {
    await this.#temporal.workflow.execute<PostCallWorkflow>(POST_CALL_WORKFLOW_TYPE, {
      taskQueue: this.#config.temporal.taskQueue,
      workflowId: postCallWorkflowId(callId),
      args: [{ callId }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
  }

  // ---------------------------------------------------------------- webhooks

  /**
   * Sends a delivery (again): a delivery still retrying is told to try now; one that has finished (or
   * never started) gets a new run of its workflow that goes on counting its attempts.
   */
  async sendWebhookDelivery(deliveryId: string, attemptsSoFar: number, manual: boolean): Promise<void> {
    const workflowId = webhookDeliveryWorkflowId(deliveryId);
    const handle = this.#temporal.workflow.getHandle(workflowId);
    const running = await handle
      .describe()
      .then((d) => d.status.name === 'RUNNING')
      .catch((error: unknown) => {
        if (error instanceof WorkflowNotFoundError) return false;
        throw error;
      });
    if (running) {
      await handle.signal(retryNowSignal);
      return;
    }
    await this.#temporal.workflow.start<WebhookDeliveryWorkflow>(WEBHOOK_DELIVERY_WORKFLOW_TYPE, {
      taskQueue: this.#config.temporal.taskQueue,
      workflowId,
      args: [{ deliveryId, retry: this.#config.webhooks.retry, manual, firstAttempt: attemptsSoFar + 1 }],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      // A start racing the dispatcher's joins its run.
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
  }

  // ---------------------------------------------------------------- escalations

  /** Signals an escalation's workflow by its id; false when it no longer runs. */
  async signalEscalation<Args extends unknown[]>(
    escalationId: string,
    signal: SignalDefinition<Args>,
    ...args: Args
  ): Promise<boolean> {
    try {
      await this.#temporal.workflow.getHandle(escalationWorkflowId(escalationId)).signal(signal, ...args);
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  }

  /** Sends a message to an escalation's workflow; a refusal, or the escalation being over, is a ConflictError. */
  async messageEscalation(
    workflowId: string,
    send: (handle: WorkflowHandle) => Promise<unknown>,
    what: string,
  ): Promise<void> {
    await refusedAsConflict(() => send(this.#temporal.workflow.getHandle(workflowId)), what, 'the escalation is over');
  }

  // ---------------------------------------------------------------- exports

  /** Starts an export's workflow, which writes the file and deletes it after the retention. */
  async startExport(exportId: string): Promise<void> {
    await this.#temporal.workflow.start<ExportWorkflow>(EXPORT_WORKFLOW_TYPE, {
      taskQueue: this.#config.temporal.taskQueue,
      workflowId: exportWorkflowId(exportId),
      args: [{ exportId, retentionSeconds: this.#config.exports.retentionSeconds }],
    });
  }

  // ---------------------------------------------------------------- subject requests

  /** A person's archive, kept as long as exports are. */
  async startPersonExport(input: Omit<PersonExportInput, 'retentionSeconds'>): Promise<void> {
    await this.#temporal.workflow.start<PersonExportWorkflow>(PERSON_EXPORT_WORKFLOW_TYPE, {
      taskQueue: this.#config.temporal.taskQueue,
      workflowId: personExportWorkflowId(input.requestId),
      args: [{ ...input, retentionSeconds: this.#config.exports.retentionSeconds }],
    });
  }

  async startPersonErasure(input: PersonErasureInput): Promise<void> {
    await this.#temporal.workflow.start<PersonErasureWorkflow>(PERSON_ERASURE_WORKFLOW_TYPE, {
      taskQueue: this.#config.temporal.taskQueue,
      workflowId: personErasureWorkflowId(input.requestId),
      args: [input],
    });
  }

  // ---------------------------------------------------------------- knowledge

  /** (Re)ingests an entry; a newer request replaces one still running for the same entry. */
  async ingestKnowledgeEntry(entryId: string): Promise<void> {
    await this.#temporal.workflow.start<KnowledgeIngestWorkflow>(KNOWLEDGE_INGEST_WORKFLOW_TYPE, {
      taskQueue: this.#config.temporal.taskQueue,
      workflowId: knowledgeWorkflowId(entryId),
      args: [{ entryId }],
      workflowIdConflictPolicy: 'TERMINATE_EXISTING',
    });
  }

  /** Stops an entry's ingestion, if one runs (the entry is being deleted). */
  async stopKnowledgeIngest(entryId: string): Promise<void> {
    await this.#temporal.workflow
      .getHandle(knowledgeWorkflowId(entryId))
      .terminate('entry deleted')
      .catch(() => undefined);
  }

  /** Re-embeds a business's chunks of another embedder; joins the reindex already running for it. */
  async reindexKnowledge(businessId: string): Promise<void> {
    await this.#temporal.workflow.start<KnowledgeReindexWorkflow>(KNOWLEDGE_REINDEX_WORKFLOW_TYPE, {
      taskQueue: this.#config.temporal.taskQueue,
      workflowId: knowledgeReindexWorkflowId(businessId),
      args: [{ businessId }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      typedSearchAttributes: [{ key: searchAttributes.businessId, value: businessId }],
    });
  }

  /** Where the business's latest reindex stands (running or done), or null when it never had one. */
  async knowledgeReindexProgress(businessId: string): Promise<KnowledgeReindexProgress | null> {
    return this.#temporal.workflow
      .getHandle(knowledgeReindexWorkflowId(businessId))
      .query(knowledgeReindexProgressQuery)
      .catch((error: unknown) => {
        if (error instanceof WorkflowNotFoundError) return null;
        throw error;
      });
  }

  // ---------------------------------------------------------------- documentation sync

  /** How a sync of a source is started, by hand or by its schedule. */
  docSyncOptions(source: DocSource, input: DocSyncInput) {
    return {
      taskQueue: this.#config.temporal.taskQueue,
      workflowId: docSyncWorkflowId(source.id),
      args: [input] as [DocSyncInput],
      typedSearchAttributes: [{ key: searchAttributes.businessId, value: source.business.id }],
    };
  }

  /** Starts a sync now; ConflictError when one of the source is already running. */
  async startDocSync(source: DocSource, input: DocSyncInput): Promise<void> {
    try {
      await this.#temporal.workflow.start<DocSyncWorkflow>(DOC_SYNC_WORKFLOW_TYPE, {
        ...this.docSyncOptions(source, input),
        workflowIdConflictPolicy: 'FAIL',
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        throw new ConflictError(`a sync of ${source.name} is already running`);
      }
      throw error;
    }
  }

  /** Cancels a running sync; false when its workflow is gone (terminated by an operator). */
  async cancelDocSync(workflowId: string): Promise<boolean> {
    try {
      await this.#temporal.workflow.getHandle(workflowId).cancel();
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  }

  async terminateDocSync(workflowId: string, reason: string): Promise<void> {
    await this.#temporal.workflow
      .getHandle(workflowId)
      .terminate(reason)
      .catch(() => undefined);
  }

  /**
   * Keeps the source's Temporal schedule (`docsync-schedule-<source>`) in line with `resyncEvery`:
   * created or updated when set, deleted when not. A sync still running when the next is due is not
   * overlapped (the schedule skips).
   */
  async applyDocSyncSchedule(source: DocSource): Promise<void> {
    const scheduleId = docSyncScheduleId(source.id);
    if (!source.resyncEvery) return this.#deleteSchedule(scheduleId);
    await this.#putSchedule(
      scheduleId,
      { intervals: [{ every: source.resyncEvery as `${number}${'m' | 'h' | 'd'}` }] },
      {
        type: 'startWorkflow',
        workflowType: DOC_SYNC_WORKFLOW_TYPE,
        ...this.docSyncOptions(source, { sourceId: source.id, trigger: 'schedule' }),
      },
      { sourceName: source.name },
    );
  }

  // ---------------------------------------------------------------- retention

  /**
   * Keeps the organisation's retention schedule (`retention-<organization>`) in line with its policy:
   * created or updated while the policy limits anything, deleted when it keeps everything forever.
   */
  async applyRetentionSchedule(organizationId: string, limitsAnything: boolean): Promise<void> {
    const scheduleId = retentionScheduleId(organizationId);
    if (!limitsAnything) return this.#deleteSchedule(scheduleId);
    const { intervalMinutes, batchSize } = this.#config.retention;
    await this.#putSchedule(
      scheduleId,
      { intervals: [{ every: `${intervalMinutes}m` }] },
      {
        type: 'startWorkflow',
        workflowType: RETENTION_WORKFLOW_TYPE,
        taskQueue: this.#config.temporal.taskQueue,
        workflowId: scheduleId,
        args: [{ organizationId, batchSize }] as [RetentionWorkflowInput],
      },
    );
  }

  /**
   * Creates the schedule, or gives the one there its new spec and action. A run still going when
   * the next is due is not overlapped (the schedule skips).
   */
  async #putSchedule(
    scheduleId: string,
    spec: ScheduleSpec,
    action: ScheduleOptionsStartWorkflowAction<Workflow>,
    memo?: Record<string, unknown>,
  ): Promise<void> {
    try {
      await this.#temporal.schedule.create({
        scheduleId,
        spec,
        action,
        policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
        ...(memo && { memo }),
      });
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await this.#temporal.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action }));
    }
  }

  async #deleteSchedule(scheduleId: string): Promise<void> {
    await this.#temporal.schedule
      .getHandle(scheduleId)
      .delete()
      .catch((error: unknown) => {
        if (!(error instanceof ScheduleNotFoundError)) throw error;
      });
  }
}
