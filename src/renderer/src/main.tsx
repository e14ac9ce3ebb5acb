import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient, MissingTokenError } from './api/client';
import { App } from './app';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

try {
  const client = createClient();
  root.render(
    <StrictMode>
      <App client={client} />
    </StrictMode>,
  );
} catch (error) {
  if (!(error instanceof MissingTokenError)) throw error;
  root.render(<div className="detail-empty error">{error.message}</div>);
}
