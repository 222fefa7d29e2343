#!/usr/bin/env node
// `npm start`: build the web client and the API when the build is missing or out of date
// (scripts/build-stamp.mjs), then run the server in this process.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { OUTPUTS, ROOT, staleReason } from './build-stamp.mjs';

const reason = staleReason();
if (reason === null) {
  console.log('Koers: the build is up to date, starting the server.');
} else {
  console.log(`Koers: building first (${reason}).`);
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('Koers: the build failed, the server is not started.');
    process.exit(build.status ?? 1);
  }
}

await import(pathToFileURL(path.join(ROOT, OUTPUTS[0])).href);
