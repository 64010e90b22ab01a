import { A, Navigate } from '@solidjs/router';
import { createSignal, Match, Show, Switch } from 'solid-js';
import { AuthCard } from '../components/AuthCard.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { sessionStatus, signUp, signUpEnabled } from '../session.ts';

/** A new organisation and its first admin, when the platform's operator allows sign-up; the setup wizard follows. */
export function SignUp() {
  const [form, setForm] = createSignal({ organizationName: '', displayName: '', email: '', password: '' });
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [enabled] = signUpEnabled();
  const set = (key: keyof ReturnType<typeof form>) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form(), [key]: e.currentTarget.value });
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError((await signUp(form())) ?? '');
    setBusy(false);
  };
  return (
    <Switch>
      <Match when={sessionStatus() === 'active'}>
        <Navigate href="/setup" />
      </Match>
      <Match when={sessionStatus() !== 'active'}>
        <AuthCard title="Create an organisation">
          <Show
            when={enabled() !== false}
            fallback={
              <p class="notice" role="status">
                Sign-up is closed on this platform: ask its operator for an organisation.
              </p>
            }
          >
            <form class="stack" onSubmit={submit} aria-label="Sign up">
              <label>
                Organisation
                <input
                  name="organizationName"
                  value={form().organizationName}
                  onInput={set('organizationName')}
                  required
                />
              </label>
              <label>
                Your name
                <input name="displayName" value={form().displayName} onInput={set('displayName')} required />
              </label>
              <label>
                Email
                <input
                  type="email"
                  name="email"
                  autocomplete="username"
                  value={form().email}
                  onInput={set('email')}
                  required
                />
              </label>
              <label>
                Password
                <input
                  type="password"
                  name="password"
                  autocomplete="new-password"
                  value={form().password}
                  onInput={set('password')}
                  required
                />
              </label>
              <ErrorAlert message={error()} />
              <button type="submit" disabled={busy()}>
                {busy() ? 'Creating…' : 'Create organisation'}
              </button>
            </form>
          </Show>
          <p class="aside">
            <A href="/login">I have an account</A>
          </p>
        </AuthCard>
      </Match>
    </Switch>
  );
}
