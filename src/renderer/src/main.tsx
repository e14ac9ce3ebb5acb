import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient, MissingTokenError } from './api/client';
import { App } from './app';
import { AppStoresProvider, connectAppStores, createAppStores } from './app-stores';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

try {
  const client = createClient();
  // Made and connected once, outside React: StrictMode's double effects must not subscribe twice.
  const stores = createAppStores(client);
  connectAppStores(stores);
  root.render(
    <StrictMode>
      <AppStoresProvider stores={stores}>
        <App />
      </AppStoresProvider>
    </StrictMode>,
  );
} catch (error) {
  if (!(error instanceof MissingTokenError)) throw error;
  root.render(<div className="detail-empty error">{error.message}</div>);
}
