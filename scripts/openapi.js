#!/usr/bin/env node
/**
 * Writes the API's OpenAPI document to a file without a running server or database: the Nest app is built
 * in preview mode (module graph and controllers only, no provider is instantiated), from the compiled API
 * (`npm run build:api` first: the Swagger CLI plugin adds the DTO schemas at compile time).
 * Usage: node scripts/openapi.js [out-file]   (default: openapi.json)
 */
const fs = require('node:fs');
const path = require('node:path');
const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');

async function main() {
  const out = path.resolve(process.argv[2] || path.join(root, 'openapi.json'));
  const { NestFactory } = require('@nestjs/core');
  const { loadConfig } = require(path.join(dist, 'libs/core/src'));
  const { AppModule } = require(path.join(dist, 'apps/api/src/app.module'));
  const { createOpenApiDocument } = require(path.join(dist, 'apps/api/src/http/api-docs'));
  const config = loadConfig({ KOERS_JWT_SECRET: 'x'.repeat(48), KOERS_DATA_DIR: path.join(root, 'data') });
  const app = await NestFactory.create(AppModule.forRoot(config), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  app.setGlobalPrefix('api');
  const document = createOpenApiDocument(app);
  fs.writeFileSync(out, JSON.stringify(document, null, 2) + '\n');
  console.log(`Wrote ${path.relative(process.cwd(), out)}: ${Object.keys(document.paths).length} paths`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
