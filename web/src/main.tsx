import { Navigate, Route, Router } from '@solidjs/router';
import { render } from 'solid-js/web';
import { Layout } from './Layout.tsx';
import { ForgotPassword } from './pages/ForgotPassword.tsx';
import { Login } from './pages/Login.tsx';
import { ResetPassword } from './pages/ResetPassword.tsx';
import { PAGES, ROUTES } from './routes.ts';
import { restoreSession } from './session.ts';
import { can, RequirePermission, useViewer } from './viewer.tsx';
import './styles.css';

/** `/` opens the first page the viewer's role may use. */
function Home() {
  const viewer = useViewer();
  return <Navigate href={PAGES.find((page) => can(viewer, page.permission))?.path ?? '/calls'} />;
}

restoreSession();

render(
  () => (
    <Router>
      <Route path="/login" component={Login} />
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
