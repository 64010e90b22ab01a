import { A } from '@solidjs/router';
import type { ParentProps } from 'solid-js';
import { liveConnected } from './client.ts';

export function Layout(props: ParentProps) {
  return (
    <div class="shell">
      <header class="topbar">
        <span class="brand">Call Platform</span>
        <span class="live" classList={{ on: liveConnected() }} data-testid="live-indicator">
          {liveConnected() ? 'live' : 'reconnecting…'}
        </span>
      </header>
      <nav class="sidebar" aria-label="Main">
        <A href="/calls" activeClass="active">
          Live calls
        </A>
        <A href="/businesses" activeClass="active">
          Businesses
        </A>
      </nav>
      <main class="content">{props.children}</main>
    </div>
  );
}
