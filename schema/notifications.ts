/**
 * The signed-in user's notifications: list, unread count, read and delete, live delivery, and which
 * types also arrive by email. An API key has no inbox (it sees none).
 */
import { NOTIFICATION_TYPES, Notification, User } from '../db/entities/index.ts';
import { TOPICS } from '../db/events.ts';
import { NotFoundError } from '../lib/errors.ts';
import { isUuid } from '../lib/ids.ts';
import { audited, builder } from './builder.ts';
import type { GatewayContext } from './context.ts';
import { organizationEventIds } from './lookup.ts';

export const NotificationTypeEnum = builder.enumType('NotificationType', {
  values: Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t.toUpperCase(), { value: t }])),
});

const NotificationRef = builder.objectRef<Notification>('Notification').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    type: t.field({ type: NotificationTypeEnum, resolve: (n) => n.type }),
    title: t.exposeString('title'),
    body: t.exposeString('body'),
    callId: t.exposeID('callId', { nullable: true }),
    escalationId: t.exposeID('escalationId', { nullable: true }),
    readAt: t.field({ type: 'DateTime', nullable: true, resolve: (n) => n.readAt }),
    emailedAt: t.field({ type: 'DateTime', nullable: true, resolve: (n) => n.emailedAt }),
    createdAt: t.field({ type: 'DateTime', resolve: (n) => n.createdAt }),
  }),
});

const NotificationPreferencesRef = builder.objectRef<{ emailTypes: string[] }>('NotificationPreferences').implement({
  fields: (t) => ({
    emailTypes: t.field({
      type: [NotificationTypeEnum],
      description: 'Types also sent by email.',
      resolve: (p) => p.emailTypes as never,
    }),
  }),
});

/** The signed-in user's id; null for an API key. */
const userIdOf = (ctx: GatewayContext) => (ctx.auth?.kind === 'user' ? ctx.auth.id : null);

async function mine(ctx: GatewayContext, id: string) {
  const userId = userIdOf(ctx);
  const notification = userId && isUuid(id) ? await ctx.em.findOne(Notification, { id, user: userId }) : null;
  if (!notification) throw new NotFoundError('Notification', id);
  return notification;
}

builder.queryFields((t) => ({
  notifications: t.field({
    type: [NotificationRef],
    description: "The signed-in user's notifications, newest first.",
    authScopes: { authenticated: true },
    args: { unreadOnly: t.arg.boolean({ defaultValue: false }), first: t.arg.int({ defaultValue: 50 }) },
    resolve: (_root, { unreadOnly, first }, ctx) => {
      const userId = userIdOf(ctx);
      if (!userId) return [];
      return ctx.em.find(
        Notification,
        { user: userId, ...(unreadOnly && { readAt: null }) },
        { orderBy: { createdAt: 'desc' }, limit: Math.min(Math.max(first ?? 50, 1), 200) },
      );
    },
  }),
  unreadNotificationCount: t.int({
    authScopes: { authenticated: true },
    resolve: (_root, _args, ctx) => {
      const userId = userIdOf(ctx);
      return userId ? ctx.em.count(Notification, { user: userId, readAt: null }) : 0;
    },
  }),
  notificationPreferences: t.field({
    type: NotificationPreferencesRef,
    authScopes: { authenticated: true },
    resolve: async (_root, _args, ctx) => {
      const userId = userIdOf(ctx);
      const user = userId ? await ctx.em.findOne(User, userId) : null;
      return { emailTypes: user?.emailNotificationTypes ?? [] };
    },
  }),
}));

builder.mutationFields((t) => ({
  markNotificationRead: t.field({
    type: NotificationRef,
    authScopes: { authenticated: true },
    errors: { types: [NotFoundError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx) => {
      const notification = await mine(ctx, id);
      notification.readAt ??= new Date();
      await ctx.em.flush();
      return notification;
    },
  }),
  markAllNotificationsRead: t.int({
    description: 'Marks every unread notification read; answers how many.',
    authScopes: { authenticated: true },
    resolve: async (_root, _args, ctx) => {
      const userId = userIdOf(ctx);
      if (!userId) return 0;
      return ctx.em.nativeUpdate(Notification, { user: userId, readAt: null }, { readAt: new Date() });
    },
  }),
  deleteNotification: t.field({
    type: NotificationRef,
    authScopes: { authenticated: true },
    errors: { types: [NotFoundError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx) => {
      const notification = await mine(ctx, id);
      await ctx.em.remove(notification).flush();
      return notification;
    },
  }),
  updateNotificationPreferences: t.field({
    type: NotificationPreferencesRef,
    description: 'Chooses which notification types also arrive by email.',
    authScopes: { authenticated: true },
    errors: { types: [NotFoundError] },
    args: { emailTypes: t.arg({ type: [NotificationTypeEnum], required: true }) },
    resolve: audited('User', async (_root, { emailTypes }, ctx) => {
      const userId = userIdOf(ctx);
      const user = userId ? await ctx.em.findOne(User, userId) : null;
      if (!user) throw new NotFoundError('User', 'the signed-in user');
      user.emailNotificationTypes = [...new Set(emailTypes as string[])];
      await ctx.em.flush();
      return { emailTypes: user.emailNotificationTypes };
    }),
  }),
}));

builder.subscriptionFields((t) => ({
  notificationAdded: t.field({
    type: NotificationRef,
    description: 'Each new notification for the signed-in user.',
    authScopes: { authenticated: true },
    subscribe: (_root, _args, ctx) => {
      // Notifications are published under their user's id; an API key has no inbox and hears none.
      return organizationEventIds<{ organizationId: string; notificationId: string }>(
        ctx,
        { topic: TOPICS.notifications, key: userIdOf(ctx) ?? 'api-key' },
        (p) => p.notificationId,
      );
    },
    resolve: (id, _args, { em }) => em.findOneOrFail(Notification, id as unknown as string, { refresh: true }),
  }),
}));
