import { lazy, ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { isSecretariat, useAuth } from './auth';
import { ErrorMessage, Loading } from './components/common';
import { Layout, PlainLayout } from './components/Layout';
import { AdminLayout } from './pages/admin/AdminLayout';
import { AuditPage } from './pages/admin/AuditPage';
import { OrganisationsPage } from './pages/admin/OrganisationsPage';
import { UserEditPage, UsersPage } from './pages/admin/UsersPage';
import { WorkgroupsAdminPage } from './pages/admin/WorkgroupsAdminPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SettingsPage } from './pages/SettingsPage';
import { FirstStrategyRedirect, StrategyPage } from './pages/StrategyPage';
import { WorkgroupOverview, WorkgroupPage } from './pages/WorkgroupPage';
import { ActionsTab } from './pages/work/ActionsTab';
import { SessionsTab, SessionPage } from './pages/work/SessionsTab';
import { KnowledgeTab } from './pages/work/KnowledgeTab';

// The editor (Tiptap, Yjs, Socket.IO) is loaded only when a document is opened.
const DocumentPage = lazy(() => import('./pages/DocumentPage').then((module) => ({ default: module.DocumentPage })));

function RequireAuth({ children }: { children: ReactNode }) {
  const { me, startError } = useAuth();
  const location = useLocation();
  if (me === undefined) return <Loading what="Uw gegevens" />;
  if (!me) {
    if (startError) return <ErrorMessage error={startError} />;
    return <Navigate to="/inloggen" replace state={{ from: location.pathname + location.search }} />;
  }
  return <>{children}</>;
}

function RequireSecretariat({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  if (!isSecretariat(me)) return <NotFoundPage />;
  return <>{children}</>;
}

export function App() {
  return (
    <Routes>
      <Route element={<PlainLayout />}>
        <Route path="/inloggen" element={<LoginPage />} />
      </Route>
      <Route
        element={
          <RequireAuth>
            <Layout />
          </RequireAuth>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="strategie" element={<FirstStrategyRedirect />} />
        <Route path="strategie/:id" element={<StrategyPage />} />
        <Route path="instellingen" element={<SettingsPage />} />
        <Route path="werkgroepen/:id" element={<WorkgroupPage />}>
          <Route index element={<WorkgroupOverview />} />
          <Route path="acties" element={<ActionsTab />} />
          <Route path="sessies" element={<SessionsTab />} />
          <Route path="sessies/:sessionId" element={<SessionPage />} />
          <Route path="kennisbank" element={<KnowledgeTab />} />
        </Route>
        <Route
          path="documenten/:id"
          element={
            <Suspense fallback={<Loading what="De editor" />}>
              <DocumentPage />
            </Suspense>
          }
        />
        <Route
          path="beheer"
          element={
            <RequireSecretariat>
              <AdminLayout />
            </RequireSecretariat>
          }
        >
          <Route index element={<Navigate to="gebruikers" replace />} />
          <Route path="gebruikers" element={<UsersPage />} />
          <Route path="gebruikers/:id" element={<UserEditPage />} />
          <Route path="organisaties" element={<OrganisationsPage />} />
          <Route path="werkgroepen" element={<WorkgroupsAdminPage />} />
          <Route path="auditlog" element={<AuditPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
