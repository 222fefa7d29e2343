import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { AuthProvider } from './auth';
import { RegionWordsProvider } from './features/region';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <RegionWordsProvider>
        <AuthProvider>
          <App />
        </AuthProvider>
      </RegionWordsProvider>
    </BrowserRouter>
  </StrictMode>,
);
