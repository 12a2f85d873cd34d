// Entry of the Genesys agent console (/agent/genesys.html).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GenesysConsole } from './GenesysConsole';
import '../console.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <GenesysConsole />
    </StrictMode>,
  );
}
