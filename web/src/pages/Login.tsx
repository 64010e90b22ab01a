import { A, Navigate, useSearchParams } from '@solidjs/router';
import { createSignal, Match, Show, Switch } from 'solid-js';
import { AuthCard } from '../components/AuthCard.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { type SessionStatus, sessionStatus, signIn, signUpEnabled } from '../session.ts';

const NOTICES: Partial<Record<SessionStatus, string>> = {
  signedOut: 'You have signed out.',
  expired: 'Your session has ended. Sign in again.',
};

export function Login() {
  const [params] = useSearchParams();
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [openToSignUp] = signUpEnabled();
  /** Where to go once signed in: the page that sent the visitor here, if it is one of ours. */
  const next = () => {
    const target = params.next;
    return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//') ? target : '/';
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError((await signIn(email().trim(), password())) ?? '');
    setBusy(false);
  };

  return (
    <Switch>
      <Match when={sessionStatus() === 'active'}>
        <Navigate href={next()} />
      </Match>
      <Match when={sessionStatus() !== 'active'}>
        <AuthCard title="Sign in">
          <Show when={NOTICES[sessionStatus()]}>
            {(notice) => (
              <p class="notice" role="status">
                {notice()}
              </p>
            )}
          </Show>
          <form class="stack" onSubmit={submit} aria-label="Sign in">
            <label>
              Email
              <input
                type="email"
                name="email"
                autocomplete="username"
                value={email()}
                onInput={(e) => setEmail(e.currentTarget.value)}
                required
              />
            </label>
            <label>
              Password
              <input
                type="password"
                name="password"
                autocomplete="current-password"
                value={password()}
                onInput={(e) => setPassword(e.currentTarget.value)}
                required
              />
            </label>
            <ErrorAlert message={error()} />
            <button type="submit" disabled={busy()}>
              {busy() ? 'Signing in…' : 'Sign in'}
            </button>
          </form>
          <p class="aside">
            <A href="/forgot-password">Forgot password?</A>
            <Show when={openToSignUp()}>
              {' · '}
              <A href="/signup">Create an organisation</A>
            </Show>
          </p>
        </AuthCard>
      </Match>
    </Switch>
  );
}
