import type { BusinessConfig } from '../db/entities/index.ts';
import type { Config } from '../lib/config.ts';
import { type CallWorkflowInput, callWorkflowId, searchAttributes } from '../workflows/shared.ts';

/** A call workflow's input: the call, and what its business asks for (limits, voicemail). */
export function callWorkflowInput(
  config: Config,
  business: BusinessConfig,
  call: Pick<
    CallWorkflowInput,
    'callId' | 'organizationId' | 'direction' | 'fromNumber' | 'toNumber' | 'twilioCallSid'
  >,
): CallWorkflowInput {
  return {
    ...call,
    businessId: business.id,
    ringTimeoutSeconds: config.calls.ringTimeoutSeconds,
    maxDurationSeconds: config.calls.maxDurationSeconds,
    answeringMachineDetection: call.direction === 'outbound' && business.answeringMachineDetection,
    voicemailMessage: business.voicemailMessage ?? null,
  };
}

/** How every call workflow is started: its id, queue and the search attributes operators filter on. */
export function callWorkflowOptions(config: Config, input: CallWorkflowInput) {
  return {
    taskQueue: config.temporal.taskQueue,
    workflowId: callWorkflowId(input.callId),
    args: [input] as [CallWorkflowInput],
    typedSearchAttributes: [
      { key: searchAttributes.businessId, value: input.businessId },
      { key: searchAttributes.callDirection, value: input.direction },
      { key: searchAttributes.callStatus, value: 'queued' },
    ],
  };
}
