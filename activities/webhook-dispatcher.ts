/**
 * Starts a workflow for every webhook delivery recorded in the outbox (db/webhooks.ts). It hears of
 * new deliveries on the event bus at once, and sweeps for any it missed (the process was down, the
 * listener reconnecting) when it starts and then every few seconds. A delivery's workflow id is
 * its own, and a second start of it is refused, so however many workers dispatch, each delivery runs
 * once. Runs in the worker process, beside the Temporal worker.
 */
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { EventBus } from '../db/event-bus.ts';
import { TOPICS } from '../db/events.ts';
import type { Orm } from '../db/orm.ts';
import type { Logger } from '../lib/logger.ts';
import {
  WEBHOOK_DELIVERY_WORKFLOW_TYPE,
  type WebhookDeliveryWorkflow,
  type WebhookRetryPolicy,
  webhookDeliveryWorkflowId,
} from '../workflows/definitions/webhooks.ts';

const SWEEP_EVERY_MS = 5_000;
/** A delivery recorded this recently is left to the live path: the sweep picks up what it missed. */
const SWEEP_GRACE_MS = 2_000;

export class WebhookDispatcher {
  readonly #orm: Orm;
  readonly #bus: EventBus;
  readonly #temporal: Client;
  readonly #taskQueue: string;
  readonly #retry: WebhookRetryPolicy;
  readonly #logger: Logger;
  #subscription: AsyncIterableIterator<unknown> | undefined;
  #sweeper: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(deps: {
    orm: Orm;
    bus: EventBus;
    temporal: Client;
    taskQueue: string;
    retry: WebhookRetryPolicy;
    logger: Logger;
  }) {
    this.#orm = deps.orm;
    this.#bus = deps.bus;
    this.#temporal = deps.temporal;
    this.#taskQueue = deps.taskQueue;
    this.#retry = deps.retry;
    this.#logger = deps.logger;
  }

  /** Listens for new deliveries and sweeps for undispatched ones. */
  start(): void {
    const subscription = this.#bus.subscribe({ topic: TOPICS.webhooks });
    this.#subscription = subscription;
    void (async () => {
      for await (const event of subscription) {
        const { deliveryIds } = event.payload as { deliveryIds: string[] };
        await this.dispatch(deliveryIds).catch((error: unknown) =>
          this.#logger.warn({ err: error }, 'could not start webhook deliveries; the sweep will'),
        );
      }
    })().catch((error: unknown) =>
      this.#logger.warn({ err: error }, 'webhook dispatch stopped listening; sweeping only'),
    );
    const sweep = () => {
      this.#sweep()
        .catch((error: unknown) => this.#logger.warn({ err: error }, 'webhook sweep failed'))
        .finally(() => {
          if (!this.#stopped) this.#sweeper = setTimeout(sweep, SWEEP_EVERY_MS);
        });
    };
    sweep();
  }

  /** Starts each delivery's workflow (once) and marks it dispatched. */
  async dispatch(deliveryIds: readonly string[]): Promise<void> {
    for (const deliveryId of deliveryIds) {
      try {
        await this.#temporal.workflow.start<WebhookDeliveryWorkflow>(WEBHOOK_DELIVERY_WORKFLOW_TYPE, {
          taskQueue: this.#taskQueue,
          workflowId: webhookDeliveryWorkflowId(deliveryId),
          args: [{ deliveryId, retry: this.#retry }],
          // Never a second run for the same delivery: a redelivery by hand is the only way to send it again.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
      await this.#orm.em
        .fork()
        .execute('update webhook_delivery set dispatched_at = now() where id = ? and dispatched_at is null', [
          deliveryId,
        ]);
    }
  }

  async #sweep(): Promise<void> {
    const rows = await this.#orm.em
      .fork()
      .execute<{ id: string }[]>(
        `select id from webhook_delivery where dispatched_at is null and created_at < now() - (? * interval '1 millisecond') order by created_at limit 500`,
        [SWEEP_GRACE_MS],
      );
    if (rows.length) await this.dispatch(rows.map((r) => r.id));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#sweeper);
    await this.#subscription?.return?.();
  }
}
