/**
 * The first screens a logged-in person most often opens directly (a link in an e-mail, a bookmark), with
 * what their first paint waits for: the screen's chunk (its source path, as Vite's build manifest names it)
 * and the GET routes of its data. The API names them in a `Link` header on the page (modulepreload and
 * fetch preloads), the web client asks for them as soon as its main chunk runs; both start them at once
 * instead of one after the other (index.html -> main chunk -> /api/me -> screen chunk -> data). See
 * docs/architecture.md ("Loading the first screen").
 */
export interface FirstScreen {
  /** Matches the URL's path; group 1, if any, is the id the data routes use. */
  path: RegExp;
  /** Source modules of the screen (the frame first), keys of the build manifest. */
  modules: string[];
  /** API paths (without /api) of the GETs the screen makes on arrival; `:id` is group 1 of `path`. */
  data: string[];
}

const UUID = '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})';
const LAYOUT = 'src/components/Layout.tsx';

export const FIRST_SCREENS: FirstScreen[] = [
  { path: /^\/$/, modules: [LAYOUT, 'src/pages/HomePage.tsx'], data: ['/workgroups', '/strategies'] },
  {
    path: new RegExp(`^/werkgroepen/${UUID}(?:/[a-z]*)?$`),
    modules: [LAYOUT, 'src/pages/WorkgroupPage.tsx'],
    data: ['/workgroups/:id'],
  },
  {
    path: new RegExp(`^/documenten/${UUID}$`),
    modules: [LAYOUT, 'src/pages/DocumentPage.tsx'],
    data: ['/documents/:id'],
  },
  { path: /^\/dashboard$/, modules: [LAYOUT, 'src/pages/reporting/index.ts'], data: ['/strategies'] },
];

/** The pages anyone may open without being logged in (no session check is worth starting early there). */
export const PUBLIC_WEB_PATHS = [
  '/inloggen',
  '/uitnodiging',
  '/wachtwoord-vergeten',
  '/wachtwoord-herstellen',
  '/ontgrendelen',
];

/** The first screen at this path, with the data routes filled in; null for any other page. */
export function firstScreen(pathname: string): { modules: string[]; data: string[] } | null {
  for (const screen of FIRST_SCREENS) {
    const match = screen.path.exec(pathname);
    if (match) return { modules: screen.modules, data: screen.data.map((route) => route.replace(':id', match[1])) };
  }
  return null;
}
