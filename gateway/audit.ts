import { type AuditChanges, AuditLog } from '../db/entities/index.ts';
import type { Orm } from '../db/orm.ts';
import type { Logger } from '../lib/logger.ts';
import type { Audit, AuditActor, AuditEntry, Principal } from '../schema/context.ts';

export const actorOf = (principal: Principal | null): AuditActor =>
  principal
    ? {
        type: principal.kind === 'user' ? 'user' : 'api_key',
        id: principal.id,
        label: principal.label,
        organizationId: principal.organizationId,
      }
    : { type: 'anonymous', id: null, label: null, organizationId: null };

/**
 * Collects one request's audit entries; the gateway awaits `flush` before it answers, so a
 * mutation's record is written by the time its caller sees the result.
 */
export class AuditRecorder implements Audit {
  readonly #orm: Orm;
  readonly #logger: Logger;
  readonly #pending: Promise<void>[] = [];
  readonly #request: { requestId: string; ip: string | null };
  #changes: AuditChanges | null = null;
  /** Who acted; login replaces the anonymous actor with the user who signed in. */
  actor: AuditActor;

  constructor(orm: Orm, logger: Logger, actor: AuditActor, request: { requestId: string; ip: string | null }) {
    this.#orm = orm;
    this.#logger = logger;
    this.actor = actor;
    this.#request = request;
  }

  record(entry: AuditEntry): void {
    const row = {
      organizationId: this.actor.organizationId,
      actorType: this.actor.type,
      actorId: this.actor.id,
      actorLabel: this.actor.label,
      operation: entry.operation,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      outcome: entry.outcome,
      errorCode: entry.errorCode ?? null,
      requestId: this.#request.requestId,
      ip: this.#request.ip,
      changes: entry.changes ?? null,
    };
    this.#pending.push(
      this.#orm.em
        .fork()
        .insert(AuditLog, row)
        .then(
          () => undefined,
          (error: unknown) => this.#logger.error({ err: error, audit: row }, 'could not write audit entry'),
        ),
    );
  }

  noteChanges(changes: AuditChanges): void {
    this.#changes = changes;
  }

  takeChanges(): AuditChanges | null {
    const changes = this.#changes;
    this.#changes = null;
    return changes;
  }

  async flush(): Promise<void> {
    await Promise.all(this.#pending.splice(0));
  }
}
