import { Route, Router } from '@solidjs/router';
import { Provider } from '@urql/solid';
import { render } from 'solid-js/web';
import { client } from './client.ts';
import { Layout } from './Layout.tsx';
import { Businesses } from './pages/Businesses.tsx';
import { Calls } from './pages/Calls.tsx';
import './styles.css';

render(
  () => (
    <Provider value={client}>
      <Router root={Layout}>
        <Route path="/" component={Calls} />
        <Route path="/calls" component={Calls} />
        <Route path="/businesses" component={Businesses} />
      </Router>
    </Provider>
  ),
  document.getElementById('root') as HTMLElement,
);
