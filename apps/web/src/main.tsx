import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { App } from './App';
import { AuthProvider } from './auth';
import { RegionWordsProvider } from './features/region';
import './styles.css';

// A data router, so forms can block in-app navigation while they hold unsaved input (useBlocker).
const router = createBrowserRouter([
  {
    path: '*',
    element: (
      <RegionWordsProvider>
        <AuthProvider>
          <App />
        </AuthProvider>
      </RegionWordsProvider>
    ),
  },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
