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
// The reporting screens (and their charting library) load on first use.
const reporting = () => import('./pages/reporting');
const ProgressTab = lazy(() => reporting().then((module) => ({ default: module.ProgressTab })));
const DashboardPage = lazy(() => reporting().then((module) => ({ default: module.DashboardPage })));
const RvcPage = lazy(() => reporting().then((module) => ({ default: module.RvcPage })));
const BundlePrintPage = lazy(() => reporting().then((module) => ({ default: module.BundlePrintPage })));
const ReportPage = lazy(() => reporting().then((module) => ({ default: module.ReportPage })));
const loadingReporting = <Loading what="De voortgang" />;

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
          <Route
            path="voortgang"
            element={
              <Suspense fallback={loadingReporting}>
                <ProgressTab />
              </Suspense>
            }
          />
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
          path="dashboard"
          element={
            <Suspense fallback={loadingReporting}>
              <DashboardPage />
            </Suspense>
          }
        />
        <Route
          path="rvc"
          element={
            <Suspense fallback={loadingReporting}>
              <RvcPage />
            </Suspense>
          }
        />
        <Route
          path="rvc/bundel/:cycleId"
          element={
            <Suspense fallback={loadingReporting}>
              <BundlePrintPage />
            </Suspense>
          }
        />
        <Route
          path="rapportages/:id"
          element={
            <Suspense fallback={loadingReporting}>
              <ReportPage />
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
