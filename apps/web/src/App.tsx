import { ComponentType, lazy, ReactNode, Suspense, useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { firstScreen, PUBLIC_WEB_PATHS } from '@koers/contracts';
import { prefetch, setMfaEnrolmentHandler } from './api';
import { isSecretariat, useAuth } from './auth';
import { ErrorMessage, Loading } from './components/common';
import { PlainLayout } from './components/PlainLayout';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';

/**
 * Only the login page is in the main bundle; every other screen is a chunk of its own, loaded when its
 * route is first shown (the editor with Tiptap and Yjs, the reporting screens, and recharts only where a
 * chart is drawn). scripts/check-web-bundle.mjs keeps the login page's JavaScript under its budget.
 */
function page<Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

const loadLayout = () => import('./components/Layout');
const Layout = page(loadLayout, 'Layout');
const loadHome = () => import('./pages/HomePage');
const loadWorkgroup = () => import('./pages/WorkgroupPage');
const loadDocument = () => import('./pages/DocumentPage');
const loadReporting = () => import('./pages/reporting');

/** The chunks of the screens in FIRST_SCREENS, by the source path the build manifest (and the API) uses. */
const FIRST_SCREEN_CHUNKS: Record<string, () => Promise<unknown>> = {
  'src/components/Layout.tsx': loadLayout,
  'src/pages/HomePage.tsx': loadHome,
  'src/pages/WorkgroupPage.tsx': loadWorkgroup,
  'src/pages/DocumentPage.tsx': loadDocument,
  'src/pages/reporting/index.ts': loadReporting,
};

/**
 * A logged-in user's first screen needs the frame, its own chunk, the session and its data: ask for all of
 * them at once rather than one after the other (index.html -> main -> /api/me -> page chunk -> data). The
 * API's `Link` header on the page has usually started them already; these requests then take those over.
 */
function startFirstScreen(pathname: string) {
  if (PUBLIC_WEB_PATHS.includes(pathname)) return;
  prefetch('/me');
  void loadLayout();
  const screen = firstScreen(pathname);
  for (const module of screen?.modules ?? []) void FIRST_SCREEN_CHUNKS[module]?.();
  for (const path of screen?.data ?? []) prefetch(path);
}
startFirstScreen(window.location.pathname);

const InvitationPage = page(() => import('./features/account'), 'InvitationPage');
const ResetPasswordPage = page(() => import('./features/account'), 'ResetPasswordPage');
const ForgotPasswordPage = page(() => import('./features/account'), 'ForgotPasswordPage');
const UnlockPage = page(() => import('./features/account'), 'UnlockPage');
const MfaPolicyPage = page(() => import('./features/account'), 'MfaPolicyPage');
const HomePage = page(loadHome, 'HomePage');
const SettingsPage = page(() => import('./pages/SettingsPage'), 'SettingsPage');
const FirstStrategyRedirect = page(() => import('./pages/StrategyPage'), 'FirstStrategyRedirect');
const StrategyPage = page(() => import('./pages/StrategyPage'), 'StrategyPage');
const WorkgroupPage = page(loadWorkgroup, 'WorkgroupPage');
const WorkgroupOverview = page(loadWorkgroup, 'WorkgroupOverview');
const DocumentsTab = page(() => import('./pages/WorkgroupDocuments'), 'DocumentsTab');
const ActionsTab = page(() => import('./pages/work/ActionsTab'), 'ActionsTab');
const SessionsTab = page(() => import('./pages/work/SessionsTab'), 'SessionsTab');
const SessionPage = page(() => import('./pages/work/SessionsTab'), 'SessionPage');
const KnowledgeTab = page(() => import('./pages/work/KnowledgeTab'), 'KnowledgeTab');
const DocumentPage = page(loadDocument, 'DocumentPage');
const ProgressTab = page(loadReporting, 'ProgressTab');
const DashboardPage = page(loadReporting, 'DashboardPage');
const RvcPage = page(loadReporting, 'RvcPage');
const BundlePrintPage = page(loadReporting, 'BundlePrintPage');
const ReportPage = page(loadReporting, 'ReportPage');
const AdminLayout = page(() => import('./pages/admin/AdminLayout'), 'AdminLayout');
const AuditPage = page(() => import('./pages/admin/AuditPage'), 'AuditPage');
const UsersPage = page(() => import('./pages/admin/UsersPage'), 'UsersPage');
const UserEditPage = page(() => import('./pages/admin/UsersPage'), 'UserEditPage');
const OrganisationsPage = page(() => import('./pages/admin/OrganisationsPage'), 'OrganisationsPage');
const WorkgroupsAdminPage = page(() => import('./pages/admin/WorkgroupsAdminPage'), 'WorkgroupsAdminPage');
const CyclePage = page(() => import('./pages/CyclePage'), 'CyclePage');
const InventoriesPage = page(() => import('./features/inventory'), 'InventoriesPage');
const InventoryPage = page(() => import('./features/inventory'), 'InventoryPage');
const InventoryPrintPage = page(() => import('./features/inventory'), 'InventoryPrintPage');
const InventoryResponsePage = page(() => import('./features/inventory'), 'ResponsePage');
const ConsultationsPage = page(() => import('./features/consultation'), 'ConsultationsPage');
const ConsultationPage = page(() => import('./features/consultation'), 'ConsultationPage');
const ConsultationAnswerPage = page(() => import('./features/consultation'), 'ConsultationAnswerPage');
const NotaPage = page(() => import('./features/consultation'), 'NotaPage');
const BodiesPage = page(() => import('./features/governance'), 'BodiesPage');
const BodyPage = page(() => import('./features/governance'), 'BodyPage');
const CalendarPage = page(() => import('./features/governance'), 'CalendarPage');
const AdoptionIndexPage = page(() => import('./features/governance'), 'AdoptionIndexPage');
const AdoptionPage = page(() => import('./features/governance'), 'AdoptionPage');
const FinancePage = page(() => import('./features/finance'), 'FinancePage');
const RegionAdminPage = page(() => import('./features/region/RegionAdminPage'), 'RegionAdminPage');
const ImportPage = page(() => import('./features/region/ImportPage'), 'ImportPage');

function RequireAuth({ children }: { children: ReactNode }) {
  const { me, startError } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  // The server refuses everything but the enrolment to someone who must set up a second factor first.
  useEffect(() => {
    setMfaEnrolmentHandler(() => {
      if (window.location.pathname !== '/instellingen')
        void navigate('/instellingen', { replace: true, state: { mfaRequired: true } });
    });
    return () => setMfaEnrolmentHandler(() => undefined);
  }, [navigate]);
  if (me === undefined) return <Loading what="Uw gegevens" plural />;
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
    <Suspense fallback={<Loading what="De pagina" />}>
      <Routes>
        <Route element={<PlainLayout />}>
          <Route path="/inloggen" element={<LoginPage />} />
          <Route path="/uitnodiging" element={<InvitationPage />} />
          <Route path="/wachtwoord-vergeten" element={<ForgotPasswordPage />} />
          <Route path="/wachtwoord-herstellen" element={<ResetPasswordPage />} />
          <Route path="/ontgrendelen" element={<UnlockPage />} />
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
            <Route path="documenten" element={<DocumentsTab />} />
            <Route path="acties" element={<ActionsTab />} />
            <Route path="sessies" element={<SessionsTab />} />
            <Route path="sessies/:sessionId" element={<SessionPage />} />
            <Route path="kennisbank" element={<KnowledgeTab />} />
            <Route path="voortgang" element={<ProgressTab />} />
          </Route>
          <Route path="documenten/:id" element={<DocumentPage />} />
          <Route path="dashboard" element={<DashboardPage />} />
          <Route path="rvc" element={<RvcPage />} />
          <Route path="rvc/bundel/:cycleId" element={<BundlePrintPage />} />
          <Route path="rapportages/:id" element={<ReportPage />} />
          <Route path="cyclus" element={<CyclePage />} />
          <Route path="cyclus/inventarisaties" element={<InventoriesPage />} />
          <Route path="cyclus/inventarisaties/:id" element={<InventoryPage />} />
          <Route path="cyclus/inventarisaties/:id/afdruk" element={<InventoryPrintPage />} />
          <Route path="cyclus/inventarisaties/:id/antwoord/:organisationId" element={<InventoryResponsePage />} />
          <Route path="cyclus/consultaties" element={<ConsultationsPage />} />
          <Route path="cyclus/consultaties/:id" element={<ConsultationPage />} />
          <Route path="cyclus/consultaties/:id/reactie/:organisationId" element={<ConsultationAnswerPage />} />
          <Route path="cyclus/consultaties/:id/nota" element={<NotaPage />} />
          <Route path="cyclus/organen" element={<BodiesPage />} />
          <Route path="cyclus/organen/:id" element={<BodyPage />} />
          <Route path="cyclus/kalender" element={<CalendarPage />} />
          <Route path="cyclus/vaststelling" element={<AdoptionIndexPage />} />
          <Route path="cyclus/vaststelling/:id" element={<AdoptionPage />} />
          <Route path="cyclus/financien" element={<FinancePage />} />
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
            <Route path="regio" element={<RegionAdminPage />} />
            <Route path="organisaties" element={<OrganisationsPage />} />
            <Route path="werkgroepen" element={<WorkgroupsAdminPage />} />
            <Route path="importeren" element={<ImportPage />} />
            <Route path="beveiliging" element={<MfaPolicyPage />} />
            <Route path="auditlog" element={<AuditPage />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
