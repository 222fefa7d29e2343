#!/usr/bin/env node
// The JavaScript budget of the web client, checked after every `npm run build:web` (issue 19): what the login
// page loads must stay under 150 KB compressed. Prints what a few other screens load, for comparison.
//
// A page's JavaScript = what index.html loads (its module scripts and modulepreloads) plus the chunks of the
// route's lazily loaded screens and their static imports, from Vite's build manifest. Sizes are those of the
// .br and .gz files the build writes beside every asset, i.e. what the API sends.
//
// Usage: node scripts/check-web-bundle.mjs [dist dir, default apps/web/dist]
import * as fs from 'node:fs';
import * as path from 'node:path';

const LOGIN_BUDGET_BYTES = 150 * 1024;

const dist = path.resolve(process.argv[2] ?? 'apps/web/dist');
const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8'));
const indexHtml = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');

/** The screens each page loads after index.html (source paths as the manifest names them). */
const PAGES = {
  login: ['src/pages/LoginPage.tsx'],
  home: ['src/components/Layout.tsx', 'src/pages/HomePage.tsx'],
  werkgroep: ['src/components/Layout.tsx', 'src/pages/WorkgroupPage.tsx'],
  // The page itself, then the provider (Yjs, Socket.IO) and the workspace (Tiptap), both loaded lazily by it.
  document: [
    'src/components/Layout.tsx',
    'src/pages/DocumentPage.tsx',
    'src/collab/provider.ts',
    'src/pages/document/DocumentWorkspace.tsx',
  ],
  dashboard: ['src/components/Layout.tsx', 'src/pages/reporting/index.ts', 'src/pages/reporting/TrendBarChart.tsx'],
};

const byFile = new Map(Object.values(manifest).map((chunk) => [chunk.file, chunk]));

/** The JavaScript files index.html makes the browser load. */
function htmlScripts() {
  const files = [];
  for (const match of indexHtml.matchAll(
    /<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/([^"]+\.js)"/g,
  ))
    files.push(match[1]);
  if (files.length === 0) throw new Error(`No script found in ${path.join(dist, 'index.html')}`);
  return files;
}

/** A chunk's file and, transitively, the files of its static imports. */
function withStaticImports(key, into) {
  const chunk = manifest[key];
  if (!chunk || into.has(chunk.file)) return;
  into.add(chunk.file);
  for (const imported of chunk.imports ?? []) withStaticImports(imported, into);
}

function compressedSize(file, extension) {
  const compressed = path.join(dist, `${file}.${extension}`);
  // Very small files are not compressed (the build skips copies that are not smaller).
  return fs.statSync(fs.existsSync(compressed) ? compressed : path.join(dist, file)).size;
}

function pageFiles(modules) {
  const files = new Set();
  for (const file of htmlScripts()) {
    const chunk = byFile.get(file);
    if (chunk)
      for (const key of Object.keys(manifest).filter((k) => manifest[k] === chunk)) withStaticImports(key, files);
    else files.add(file);
  }
  // A screen bundled into the entry chunk has no manifest entry of its own: nothing more to load.
  for (const module of modules) withStaticImports(module, files);
  return [...files];
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
let failed = false;
console.log('JavaScript per page (brotli / gzip / uncompressed):');
for (const [name, modules] of Object.entries(PAGES)) {
  const files = pageFiles(modules);
  const br = files.reduce((sum, f) => sum + compressedSize(f, 'br'), 0);
  const gz = files.reduce((sum, f) => sum + compressedSize(f, 'gz'), 0);
  const raw = files.reduce((sum, f) => sum + fs.statSync(path.join(dist, f)).size, 0);
  const budget = name === 'login' ? LOGIN_BUDGET_BYTES : null;
  const over = budget !== null && Math.max(br, gz) > budget;
  failed ||= over;
  console.log(
    `  ${name.padEnd(10)} ${kib(br).padStart(10)} / ${kib(gz).padStart(10)} / ${kib(raw).padStart(10)}` +
      `  ${files.length} files${budget === null ? '' : over ? `  OVER the budget of ${kib(budget)}` : `  (budget ${kib(budget)})`}`,
  );
}
if (failed) {
  console.error('The login page loads more JavaScript than its budget: split the new code off into a lazy chunk.');
  process.exit(1);
}
