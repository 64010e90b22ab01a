import type { ParentProps } from 'solid-js';

/** The frame of the pages used without a session: sign-in and password reset. */
export function AuthCard(props: ParentProps<{ title: string }>) {
  return (
    <main class="auth">
      <section class="card auth-card">
        <p class="brand">Call Platform</p>
        <h1>{props.title}</h1>
        {props.children}
      </section>
    </main>
  );
}
