import { A, useSearchParams } from '@solidjs/router';
import { createSignal, Match, Show, Switch } from 'solid-js';
import { AuthCard } from '../components/AuthCard.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { graphql } from '../gql/gql.ts';
import { describeProblems, postGraphQL, UNREACHABLE } from '../graphql.ts';

const PasswordPolicyQuery = graphql(`
  query ConsolePasswordPolicy { passwordPolicy { minLength } }
`);
const ResetPasswordMutation = graphql(`
  mutation ConsoleResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword) {
      __typename
      ... on Error { code message }
      ... on ValidationError { fieldErrors { field message } }
    }
  }
`);

export function ResetPassword() {
  const [params] = useSearchParams();
  const token = () => (typeof params.token === 'string' ? params.token : '');
  const [password, setPassword] = createSignal('');
  const [confirmation, setConfirmation] = createSignal('');
  const [error, setError] = createSignal('');
  const [outcome, setOutcome] = createSignal<'changed' | 'invalidLink' | null>(token() ? null : 'invalidLink');
  const [busy, setBusy] = createSignal(false);
  const [minLength, setMinLength] = createSignal<number>();
  // Only for the hint: the server checks the password, and says why when it refuses one.
  postGraphQL(PasswordPolicyQuery, {}).then(
    (response) => setMinLength(response.data?.passwordPolicy.minLength),
    () => undefined,
  );

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setError('');
    if (password() !== confirmation()) return setError('The two passwords do not match.');
    setBusy(true);
    const response = await postGraphQL(ResetPasswordMutation, {
      token: token(),
      newPassword: password(),
    }).catch(() => null);
    setBusy(false);
    const result = response?.data?.resetPassword;
    if (!response) setError(UNREACHABLE);
    else if (!result) setError(describeProblems(response.errors ?? []));
    else if (result.__typename === 'MutationResetPasswordSuccess') setOutcome('changed');
    else if (result.code === 'INVALID_TOKEN') setOutcome('invalidLink');
    else {
      const reasons =
        result.__typename === 'ValidationError'
          ? result.fieldErrors.map((f) => `Password ${f.message}.`).join(' ')
          : '';
      setError(reasons || result.message);
    }
  };

  return (
    <AuthCard title="Set a new password">
      <Switch>
        <Match when={outcome() === 'changed'}>
          <p class="notice" role="status">
            Your password has been changed, and every session of your account has been signed out.
          </p>
          <p class="aside">
            <A href="/login">Sign in with the new password</A>
          </p>
        </Match>
        <Match when={outcome() === 'invalidLink'}>
          <p class="error" role="alert">
            This reset link is not valid: it may have expired or been used already.
          </p>
          <p class="aside">
            <A href="/forgot-password">Request a new link</A>
          </p>
        </Match>
        <Match when={outcome() === null}>
          <form class="stack" onSubmit={submit} aria-label="Set a new password">
            <label>
              New password
              <input
                type="password"
                name="newPassword"
                autocomplete="new-password"
                value={password()}
                onInput={(e) => setPassword(e.currentTarget.value)}
                required
              />
            </label>
            <label>
              Confirm new password
              <input
                type="password"
                name="confirmPassword"
                autocomplete="new-password"
                value={confirmation()}
                onInput={(e) => setConfirmation(e.currentTarget.value)}
                required
              />
            </label>
            <Show when={minLength()}>
              {(length) => (
                <p class="hint">Use at least {length()} characters; a few unrelated words make a good one.</p>
              )}
            </Show>
            <ErrorAlert message={error()} />
            <button type="submit" disabled={busy()}>
              {busy() ? 'Saving…' : 'Set password'}
            </button>
          </form>
        </Match>
      </Switch>
    </AuthCard>
  );
}
