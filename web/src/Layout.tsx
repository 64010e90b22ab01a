import { A, Navigate, useLocation } from '@solidjs/router';
import { createQuery, Provider } from '@urql/solid';
import { createSignal, For, Match, type ParentProps, Show, Switch } from 'solid-js';
import { createSessionClient, liveConnected } from './client.ts';
import { NotificationBell } from './components/NotificationBell.tsx';
import { describeError } from './graphql.ts';
import { PAGES } from './routes.ts';
import { sessionStatus, signOut } from './session.ts';
import { can, MeQuery, type Viewer, ViewerProvider } from './viewer.tsx';

/** The frame of every signed-in page; without a session it sends the visitor to /login (and back afterwards). */
export function Layout(props: ParentProps) {
  const location = useLocation();
  const loginHref = () => {
    const here = `${location.pathname}${location.search}`;
    // After signing out on purpose there is nothing to come back to.
    return sessionStatus() === 'signedOut' || here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`;
  };
  return (
    <Switch fallback={<Navigate href={loginHref()} />}>
      <Match when={sessionStatus() === 'active'}>
        <SessionShell>{props.children}</SessionShell>
      </Match>
      <Match when={sessionStatus() === 'restoring'}>
        <p class="splash">Signing you in…</p>
      </Match>
    </Switch>
  );
}

function SessionShell(props: ParentProps) {
  return (
    <Provider value={createSessionClient()}>
      <Shell>{props.children}</Shell>
    </Provider>
  );
}

function Shell(props: ParentProps) {
  const [me, refetchMe] = createQuery({ query: MeQuery });
  return (
    <Show
      when={me.data?.me}
      fallback={
        <Show when={me.error} fallback={<p class="splash">Loading…</p>}>
          {(error) => (
            <div class="splash">
              <p class="error" role="alert">
                {describeError(error())}
              </p>
              <button type="button" onClick={() => refetchMe({ requestPolicy: 'network-only' })}>
                Try again
              </button>
            </div>
          )}
        </Show>
      }
    >
      {(viewer) => (
        <ViewerProvider value={viewer()}>
          <div class="shell">
            <Header viewer={viewer()} />
            <nav class="sidebar" aria-label="Main">
              <For each={PAGES.filter((page) => can(viewer(), page.permission))}>
                {(page) => (
                  <A href={page.path} activeClass="active">
                    {page.label}
                  </A>
                )}
              </For>
            </nav>
            <main class="content">{props.children}</main>
          </div>
        </ViewerProvider>
      )}
    </Show>
  );
}

function Header(props: { viewer: Viewer }) {
  const [leaving, setLeaving] = createSignal(false);
  const leave = async () => {
    setLeaving(true);
    await signOut();
  };
  return (
    <header class="topbar">
      <span class="brand">Call Platform</span>
      <div class="session">
        <span class="live" classList={{ on: liveConnected() }} data-testid="live-indicator">
          {liveConnected() ? 'live' : 'reconnecting…'}
        </span>
        <NotificationBell />
        <span class="who" data-testid="signed-in-as">
          <strong>{props.viewer.user?.displayName ?? props.viewer.label}</strong>
          <span class="role">{props.viewer.role.toLowerCase()}</span>
          <span class="org">{props.viewer.organization.name}</span>
        </span>
        <button type="button" class="ghost" onClick={leave} disabled={leaving()}>
          {leaving() ? 'Signing out…' : 'Sign out'}
        </button>
      </div>
    </header>
  );
}
