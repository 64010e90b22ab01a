/**
 * What most resolvers start with: an entity of the caller's organisation by id, and the ids in this
 * organisation's live events on a topic (for subscriptions that resolve each one afresh).
 */
import type { EntityName, FilterQuery } from '@mikro-orm/core';
import type { EventFilter } from '../db/event-bus.ts';
import type { BusEvent } from '../db/events.ts';
import { NotFoundError } from '../lib/errors.ts';
import { isUuid } from '../lib/ids.ts';
import type { GatewayContext } from './context.ts';

/** The entity with this id in the caller's organisation; null for a malformed id or another organisation's. */
export async function findOwned<T extends object>(
  ctx: GatewayContext,
  entity: EntityName<T>,
  id: string,
): Promise<T | null> {
  if (!isUuid(id)) return null;
  return ctx.em.findOne(entity, { id, organization: ctx.auth!.organizationId } as FilterQuery<NoInfer<T>>);
}

/** As {@link findOwned}, but a missing one is a NotFoundError naming the entity. */
export async function ownedOrNotFound<T extends object>(
  ctx: GatewayContext,
  entity: EntityName<T>,
  id: string,
): Promise<T> {
  const found = await findOwned(ctx, entity, id);
  if (!found) throw new NotFoundError((entity as { name: string }).name, id);
  return found;
}

/**
 * The ids carried by the caller's organisation's events on a topic that `keep` accepts; a
 * subscription resolves each (with `refresh`, as the connection's entity manager lives long).
 */
export async function* organizationEventIds<P extends { organizationId: string }>(
  ctx: GatewayContext,
  filter: EventFilter,
  idOf: (payload: P) => string,
  keep: (payload: P) => boolean = () => true,
): AsyncGenerator<string> {
  const organizationId = ctx.auth!.organizationId;
  for await (const event of ctx.events.subscribe(filter) as AsyncIterableIterator<BusEvent<P>>) {
    if (event.payload.organizationId === organizationId && keep(event.payload)) yield idOf(event.payload);
  }
}
