#!/usr/bin/env node
// Whether the build (web client + API) is up to date, so that `npm start` can skip it (issue 19).
//
// `npm run build` ends with `node scripts/build-stamp.mjs write`: dist/.build-stamp.json records a hash of
// every build input (the sources under apps/ and libs/, the lockfile, package.json and the build configs)
// and the modification times of the two outputs. The build is up to date when the inputs hash the same and
// both outputs are still the ones the stamp saw (a partial rebuild, `npm run build:web` alone, or a deleted
// dist/ makes it stale; `nest build` empties dist/ and so removes the stamp).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = path.join(ROOT, 'dist/.build-stamp.json');
const INPUT_DIRS = ['apps', 'libs'];
const INPUT_FILES = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'nest-cli.json',
  'scripts/check-web-bundle.mjs',
];
/** Build outputs and caches inside the input directories. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.vite']);
export const OUTPUTS = ['dist/apps/api/src/main.js', 'apps/web/dist/index.html'];

function inputFiles() {
  const files = INPUT_FILES.filter((file) => fs.existsSync(path.join(ROOT, file)));
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const relative = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(relative);
      } else if (entry.isFile()) files.push(relative);
    }
  };
  for (const dir of INPUT_DIRS) walk(dir);
  return files.sort();
}

/** One hash over the names and contents of every build input. */
export function inputHash() {
  const hash = createHash('sha256');
  for (const file of inputFiles()) {
    hash.update(file + '\0');
    hash.update(fs.readFileSync(path.join(ROOT, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function outputTimes() {
  return Object.fromEntries(
    OUTPUTS.map((file) => {
      const full = path.join(ROOT, file);
      return [file, fs.existsSync(full) ? fs.statSync(full).mtimeMs : null];
    }),
  );
}

export function writeStamp() {
  const outputs = outputTimes();
  const missing = Object.keys(outputs).filter((file) => outputs[file] === null);
  if (missing.length > 0) throw new Error(`The build left no ${missing.join(', ')}`);
  fs.writeFileSync(STAMP, JSON.stringify({ inputs: inputHash(), outputs }, null, 2) + '\n');
}

/** Why the build must run, or null when it is up to date. */
export function staleReason() {
  if (!fs.existsSync(STAMP)) return 'no complete build yet';
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(STAMP, 'utf8'));
  } catch {
    return 'the build stamp is unreadable';
  }
  const outputs = outputTimes();
  for (const file of OUTPUTS) {
    if (outputs[file] === null) return `${file} is missing`;
    if (outputs[file] !== stamp.outputs?.[file]) return `${file} was rebuilt on its own since the last full build`;
  }
  if (stamp.inputs !== inputHash()) return 'sources, dependencies or build settings changed';
  return null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const command = process.argv[2];
  if (command === 'write') writeStamp();
  else if (command === 'check') {
    const reason = staleReason();
    console.log(reason === null ? 'The build is up to date.' : `The build is out of date: ${reason}.`);
    process.exit(reason === null ? 0 : 1);
  } else {
    console.error('Usage: node scripts/build-stamp.mjs write|check');
    process.exit(2);
  }
}
