import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

const container = document.getElementById('root');
if (container === null) throw new Error('Offramp: #root is missing from index.html');
createRoot(container).render(
  <StrictMode>
    <main>Offramp</main>
  </StrictMode>,
);
