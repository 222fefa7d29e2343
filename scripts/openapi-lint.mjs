#!/usr/bin/env node
/**
 * Lints an OpenAPI document with Redocly's recommended rules, offline (no config file, no network).
 * Usage: node scripts/openapi-lint.mjs [openapi.json]   Exit 1 on any error; warnings are printed too.
 */
import { createConfig, lintFromString } from '@redocly/openapi-core';
import fs from 'node:fs';
import path from 'node:path';

const file = path.resolve(process.argv[2] || 'openapi.json');
// Koers is not open source (UNLICENSED): the document has no licence to name.
const config = await createConfig({ extends: ['recommended'], rules: { 'info-license': 'off' } });
const problems = await lintFromString({ source: fs.readFileSync(file, 'utf8'), absoluteRef: file, config });
const errors = problems.filter((p) => p.severity === 'error');
const warnings = problems.filter((p) => p.severity === 'warn');
for (const p of problems) {
  const where = p.location?.[0]?.pointer ?? '';
  console.log(`${p.severity.padEnd(5)} ${p.ruleId}: ${p.message} ${where}`);
}
console.log(`OpenAPI lint (recommended): ${errors.length} errors, ${warnings.length} warnings`);
process.exit(errors.length ? 1 : 0);
