/**
 * Notifications: one row per user (in-app, live through the event bus) and, for the types a user
 * asked for, an email. Each notification has a dedupe key, so a retried activity neither duplicates
 * the row nor the email (an email is marked sent once it went out).
 */
import { Notification, type NotificationType, User } from '../db/entities/index.ts';
import { publishEvent, TOPICS } from '../db/events.ts';
import type { Orm } from '../db/orm.ts';
import { createLogger } from '../lib/logger.ts';
import type { Mailer } from '../lib/mailer.ts';

const logger = createLogger('notifications');

import type { Role } from '../lib/permissions.ts';

export interface NotifyInput {
  organizationId: string;
  /** Specific users, and/or every active user of the organisation with one of these roles. */
  userIds?: string[];
  roles?: Role[];
  type: NotificationType;
  title: string;
  body: string;
  callId?: string | null;
  escalationId?: string | null;
  /** Unique per event (and per user, which is appended): the same key notifies once. */
  dedupeKey: string;
}

/** The mailer an organisation's notifications go out through (its own SMTP server, or the platform's). */
export type Mailers = (organizationId: string) => Promise<Mailer>;

export interface NotificationDeps {
  orm: Orm;
  mailers: Mailers;
}

export async function notify({ orm, mailers }: NotificationDeps, input: NotifyInput): Promise<{ notified: number }> {
  const em = orm.em.fork();
  const mailer = await mailers(input.organizationId);
  const users = await em.find(User, {
    organization: input.organizationId,
    active: true,
    $or: [{ id: { $in: input.userIds ?? [] } }, { role: { $in: input.roles ?? [] } }],
  });
  for (const user of users) {
    const dedupeKey = `${input.dedupeKey}:${user.id}`.slice(0, 300);
    const inserted = await em.getConnection().execute<{ id: string }[]>(
      `insert into notification (id, organization_id, user_id, type, title, body, call_id, escalation_id, dedupe_key, created_at)
         values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, now()) on conflict (dedupe_key) do nothing returning id`,
      [
        input.organizationId,
        user.id,
        input.type,
        input.title.slice(0, 300),
        input.body,
        input.callId ?? null,
        input.escalationId ?? null,
        dedupeKey,
      ],
    );
    const id = inserted[0]?.id;
    if (id) {
      await publishEvent(em, {
        topic: TOPICS.notifications,
        key: user.id,
        payload: { organizationId: input.organizationId, userId: user.id, notificationId: id },
      });
    }
    if (!user.emailNotificationTypes.includes(input.type)) continue;
    const row = await em.findOne(Notification, { dedupeKey }, { refresh: true });
    if (!row || row.emailedAt) continue;
    if (await sendQuietly(mailer, { to: user.email, subject: input.title, text: `${input.body}\n` })) {
      row.emailedAt = new Date();
      await em.flush();
    }
  }
  return { notified: users.length };
}

/**
 * Sends an email without letting a mail outage hold up a call or an escalation: a failure is logged
 * and the in-app notification stands. Answers whether it went out.
 */
export async function sendQuietly(mailer: Mailer, mail: Parameters<Mailer['send']>[0]): Promise<boolean> {
  try {
    await mailer.send(mail);
    return true;
  } catch (error) {
    logger.warn({ to: mail.to, subject: mail.subject, err: error }, 'could not send an email');
    return false;
  }
}
