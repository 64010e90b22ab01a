import type { ResultOf } from '@graphql-typed-document-node/core';
import { A } from '@solidjs/router';
import { createMutation, useClient } from '@urql/solid';
import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import { liveReconnects } from '../client.ts';
import { formatDateTime } from '../format.ts';
import { graphql } from '../gql/gql.ts';
import type { NotificationType } from '../gql/graphql.ts';
import { dataOf, describeError, mutationProblem } from '../graphql.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

const NotificationFields = graphql(`
  fragment NotificationFields on Notification { id type title body callId readAt createdAt }
`);
type Notification = ResultOf<typeof NotificationFields>;

const TYPES: Record<NotificationType, string> = {
  CALL_ESCALATED: 'Call escalated',
  QA_ALERT: 'QA alert',
  SENTIMENT_ALERT: 'Sentiment alert',
  COMPLIANCE_ISSUE: 'Compliance issue',
  SYSTEM_UPDATE: 'System update',
  ADVERSARIAL_CALLER: 'Difficult caller',
  WEBHOOK_DISABLED: 'Webhook endpoint disabled',
};
const NOTIFICATION_TYPES = Object.keys(TYPES) as NotificationType[];
/** How many the panel lists, newest first. */
const LIST_LIMIT = 30;

const UnreadCountQuery = graphql(`
  query ConsoleUnreadNotifications { unreadNotificationCount }
`);
const NotificationsQuery = graphql(`
  query ConsoleNotifications($first: Int!) {
    notifications(first: $first) { ...NotificationFields }
    notificationPreferences { emailTypes }
  }
`);
const NotificationAdded = graphql(`
  subscription ConsoleNotificationAdded { notificationAdded { ...NotificationFields } }
`);
const MarkRead = graphql(`
  mutation ConsoleMarkNotificationRead($id: ID!) {
    markNotificationRead(id: $id) {
      __typename
      ... on MutationMarkNotificationReadSuccess { data { ...NotificationFields } }
      ... on Error { message }
    }
  }
`);
const MarkAllRead = graphql(`
  mutation ConsoleMarkAllNotificationsRead { markAllNotificationsRead }
`);
const DeleteNotification = graphql(`
  mutation ConsoleDeleteNotification($id: ID!) {
    deleteNotification(id: $id) { __typename ... on Error { message } }
  }
`);
const UpdatePreferences = graphql(`
  mutation ConsoleUpdateNotificationPreferences($emailTypes: [NotificationType!]!) {
    updateNotificationPreferences(emailTypes: $emailTypes) {
      __typename
      ... on MutationUpdateNotificationPreferencesSuccess { data { emailTypes } }
      ... on Error { message }
    }
  }
`);

/**
 * The signed-in user's notifications in the header: the unread count (live), and a panel to read,
 * mark read, delete them and choose which types also come by email.
 */
export function NotificationBell() {
  const client = useClient();
  const [unread, setUnread] = createSignal(0);
  const [open, setOpen] = createSignal(false);
  const [list, setList] = createStore<Notification[]>([]);
  const [emailTypes, setEmailTypes] = createSignal<NotificationType[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const [problem, setProblem] = createSignal('');
  const [, markRead] = createMutation(MarkRead);
  const [, markAllRead] = createMutation(MarkAllRead);
  const [, deleteNotification] = createMutation(DeleteNotification);
  const [, updatePreferences] = createMutation(UpdatePreferences);

  const loadCount = async () => {
    const result = await client.query(UnreadCountQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    if (result.data) setUnread(result.data.unreadNotificationCount);
  };
  const loadList = async () => {
    const result = await client
      .query(NotificationsQuery, { first: LIST_LIMIT }, { requestPolicy: 'network-only' })
      .toPromise();
    setProblem(result.error ? describeError(result.error) : '');
    if (!result.data) return;
    setList(result.data.notifications);
    setEmailTypes(result.data.notificationPreferences.emailTypes);
    setLoaded(true);
  };

  const subscription = client.subscription(NotificationAdded, {}).subscribe((result) => {
    const added = result.data?.notificationAdded;
    if (!added || list.some((n) => n.id === added.id)) return;
    if (!added.readAt) setUnread((n) => n + 1);
    setList(produce((items) => items.unshift(added)));
  });
  onCleanup(() => subscription.unsubscribe());
  loadCount();
  // What arrived while the live connection was down.
  createEffect(
    on(
      liveReconnects,
      () => {
        loadCount();
        if (loaded()) loadList();
      },
      { defer: true },
    ),
  );

  const toggle = () => {
    const opening = !open();
    setOpen(opening);
    if (opening) {
      loadList();
      loadCount();
    }
  };

  const read = async (notification: Notification) => {
    const result = await markRead({ id: notification.id });
    const updated = dataOf(result.data?.markNotificationRead);
    setProblem(mutationProblem(result));
    if (!updated) return;
    if (!notification.readAt) setUnread((n) => Math.max(0, n - 1));
    setList((n) => n.id === notification.id, 'readAt', updated.readAt);
  };
  const readAll = async () => {
    const result = await markAllRead({});
    setProblem(result.error ? describeError(result.error) : '');
    if (result.error) return;
    const now = new Date().toISOString();
    setList((n) => !n.readAt, 'readAt', now);
    setUnread(0);
  };
  const remove = async (notification: Notification) => {
    const problem = mutationProblem(await deleteNotification({ id: notification.id }));
    setProblem(problem);
    if (problem) return;
    if (!notification.readAt) setUnread((n) => Math.max(0, n - 1));
    setList((items) => items.filter((n) => n.id !== notification.id));
  };
  const toggleEmail = async (type: NotificationType, wanted: boolean) => {
    const next = wanted ? [...emailTypes(), type] : emailTypes().filter((t) => t !== type);
    const result = await updatePreferences({ emailTypes: next });
    setProblem(mutationProblem(result));
    const saved = dataOf(result.data?.updateNotificationPreferences);
    if (saved) setEmailTypes(saved.emailTypes);
  };

  return (
    <div class="bell">
      <button
        type="button"
        class="ghost bell-button"
        aria-expanded={open()}
        aria-controls="notification-panel"
        aria-label={`Notifications, ${unread()} unread`}
        onClick={toggle}
      >
        <svg class="bell-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
        </svg>
        <span class="bell-count" classList={{ none: unread() === 0 }} data-testid="notification-count">
          {unread()}
        </span>
      </button>
      <Show when={open()}>
        <section class="bell-panel card" id="notification-panel" aria-label="Notifications">
          <header class="bell-panel-head">
            <h2>Notifications</h2>
            <button type="button" class="secondary" disabled={unread() === 0} onClick={readAll}>
              Mark all read
            </button>
          </header>
          <ErrorAlert message={problem()} />
          <ul class="notification-list">
            <For each={list} fallback={<li class="muted">{loaded() ? 'No notifications.' : 'Loading…'}</li>}>
              {(notification) => (
                <li
                  data-testid="notification"
                  data-notification-id={notification.id}
                  data-type={notification.type}
                  classList={{ unread: !notification.readAt }}
                >
                  <p class="notification-head">
                    <span class="badge">{TYPES[notification.type]}</span>
                    <time datetime={notification.createdAt} class="muted">
                      {formatDateTime(notification.createdAt)}
                    </time>
                  </p>
                  <p class="notification-title">{notification.title}</p>
                  <p class="notification-body">{notification.body}</p>
                  <p class="actions">
                    <Show when={notification.callId}>
                      {(callId) => (
                        <A href={`/calls/${callId()}`} onClick={() => setOpen(false)}>
                          Open call
                        </A>
                      )}
                    </Show>
                    <Show when={!notification.readAt}>
                      <button type="button" class="secondary" onClick={() => read(notification)}>
                        Mark read
                      </button>
                    </Show>
                    <button type="button" class="secondary" onClick={() => remove(notification)}>
                      Delete
                    </button>
                  </p>
                </li>
              )}
            </For>
          </ul>
          <Show when={loaded()}>
            <fieldset class="email-preferences">
              <legend>Also email me about</legend>
              <For each={NOTIFICATION_TYPES}>
                {(type) => (
                  <label class="check">
                    <input
                      type="checkbox"
                      name="emailTypes"
                      value={type}
                      checked={emailTypes().includes(type)}
                      onChange={(e) => toggleEmail(type, e.currentTarget.checked)}
                    />
                    {TYPES[type]}
                  </label>
                )}
              </For>
            </fieldset>
          </Show>
        </section>
      </Show>
    </div>
  );
}
