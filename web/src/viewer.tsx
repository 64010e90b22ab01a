import type { ResultOf } from '@graphql-typed-document-node/core';
import { createContext, type ParentProps, Show, useContext } from 'solid-js';
import { graphql } from './gql/gql.ts';
import type { Permission, Role } from './gql/graphql.ts';

/** Who is signed in, in which organisation, and what their role lets them do. */
export const MeQuery = graphql(`
  query ConsoleMe { me { id label role permissions organization { id name } user { id email displayName } } }
`);
export type Viewer = ResultOf<typeof MeQuery>['me'];

/** The roles, from the most allowed to the least: the choices when giving a user or an API key one. */
export const ROLES = ['ADMIN', 'SUPERVISOR', 'AGENT', 'VIEWER'] as const satisfies readonly Role[];

const ViewerContext = createContext<Viewer>();
export const ViewerProvider = ViewerContext.Provider;

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer needs a signed-in layout around it');
  return viewer;
}

export const can = (viewer: Viewer, permission: Permission) => viewer.permissions.includes(permission);

/** Shows a page only to roles that have its permission; the others learn why they cannot use it. */
export function RequirePermission(props: ParentProps<{ permission: Permission }>) {
  const viewer = useViewer();
  return (
    <Show
      when={can(viewer, props.permission)}
      fallback={
        <section class="card not-allowed" role="alert">
          <h1>Not allowed</h1>
          <p>
            Your role ({viewer.role.toLowerCase()}) is not allowed to use this page. Ask an administrator if you need
            it.
          </p>
        </section>
      }
    >
      {props.children}
    </Show>
  );
}
