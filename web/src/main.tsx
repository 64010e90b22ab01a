import { Navigate, Route, Router } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { Show } from 'solid-js';
import { render } from 'solid-js/web';
import { Layout } from './Layout.tsx';
import { ForgotPassword } from './pages/ForgotPassword.tsx';
import { Login } from './pages/Login.tsx';
import { ResetPassword } from './pages/ResetPassword.tsx';
import { SetupWizardQuery } from './pages/Setup.tsx';
import { SignUp } from './pages/SignUp.tsx';
import { PAGES, ROUTES } from './routes.ts';
import { restoreSession } from './session.ts';
import { can, RequirePermission, useViewer } from './viewer.tsx';
import './styles.css';

/** `/` opens the first page the viewer's role may use; an admin whose setup wizard is unfinished goes there. */
function Home() {
  const viewer = useViewer();
  const first = () => PAGES.find((page) => can(viewer, page.permission))?.path ?? '/calls';
  if (!can(viewer, 'ORGANIZATION_MANAGE')) return <Navigate href={first()} />;
  const [wizard] = createQuery({ query: SetupWizardQuery });
  return (
    <Show when={wizard.data || wizard.error}>
      <Navigate href={wizard.data?.setupWizard.needed && !wizard.data.setupWizard.completedAt ? '/setup' : first()} />
    </Show>
  );
}

restoreSession();

render(
  () => (
    <Router>
      <Route path="/login" component={Login} />
      <Route path="/signup" component={SignUp} />
      <Route path="/forgot-password" component={ForgotPassword} />
      <Route path="/reset-password" component={ResetPassword} />
      <Route path="/" component={Layout}>
        <Route path="/" component={Home} />
        {ROUTES.map(({ path, permission, component: Page }) => (
          <Route
            path={path}
            component={() => (
              <RequirePermission permission={permission}>
                <Page />
              </RequirePermission>
            )}
          />
        ))}
        <Route path="*" component={() => <Navigate href="/" />} />
      </Route>
    </Router>
  ),
  document.getElementById('root') as HTMLElement,
);
