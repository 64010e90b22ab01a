import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { AuthCard } from '../components/AuthCard.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { graphql } from '../gql/gql.ts';
import { describeProblems, postGraphQL, UNREACHABLE } from '../graphql.ts';

const ForgotPasswordMutation = graphql(`
  mutation ConsoleForgotPassword($email: String!) { forgotPassword(email: $email) }
`);

export function ForgotPassword() {
  const [email, setEmail] = createSignal('');
  const [sentTo, setSentTo] = createSignal('');
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    const address = email().trim();
    const response = await postGraphQL(ForgotPasswordMutation, { email: address }).catch(() => null);
    setBusy(false);
    if (!response) setError(UNREACHABLE);
    else if (response.errors?.[0]?.extensions?.code === 'VALIDATION_FAILED') setError('Enter a valid email address.');
    else if (response.errors) setError(describeProblems(response.errors));
    else setSentTo(address);
  };

  return (
    <AuthCard title="Forgot password">
      <Show
        when={sentTo()}
        fallback={
          <form class="stack" onSubmit={submit} aria-label="Forgot password">
            <p class="hint">
              Enter the email address you sign in with and we will send you a link to set a new password.
            </p>
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
            <ErrorAlert message={error()} />
            <button type="submit" disabled={busy()}>
              {busy() ? 'Sending…' : 'Send reset link'}
            </button>
          </form>
        }
      >
        <p class="notice" role="status">
          If {sentTo()} belongs to an account, a link to set a new password is on its way. It works once and for a
          limited time.
        </p>
      </Show>
      <p class="aside">
        <A href="/login">Back to sign in</A>
      </p>
    </AuthCard>
  );
}
