import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@koers/core';
import { createApp } from './create-app';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  let app;
  try {
    app = await createApp(config);
    await app.listen(config.http.port, config.http.host);
  } catch (err) {
    console.error(`Koers could not start: ${(err as Error).message}`);
    process.exit(1);
  }
  const where = config.database.kind === 'pglite' ? `embedded database in ${config.database.dataDir}` : 'PostgreSQL';
  new Logger('Koers').log(
    `Koers is running on http://localhost:${config.http.port} (${where}${config.demo ? ', demo data' : ''})`,
  );
  if (!config.http.webDistDir)
    new Logger('Koers').warn(
      'The web client is not built (apps/web/dist): only the API is served. Run `npm run build`.',
    );
}

void main();
