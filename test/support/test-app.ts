import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { AppConfig, loadConfig } from '@koers/core';
import { DEMO_PASSWORD } from '@koers/demo';
import { createTestDatabase, TestDatabase } from '@koers/testing';
import { createApp } from '../../apps/api/src/create-app';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  /** Base URL of the listening server, e.g. http://127.0.0.1:41234 */
  url: string;
  http: () => ReturnType<typeof request>;
  /** Logs in (demo password by default) and returns the access token. */
  login: (email: string, password?: string) => Promise<string>;
  close: () => Promise<void>;
}

/**
 * The real API on a real HTTP port, over a database of its own (PostgreSQL when TEST_DATABASE_URL is
 * set, PGlite otherwise), built by the same createApp() as main.ts.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { database?: TestDatabase; port?: number } = {},
): Promise<TestApp> {
  // A shared database (several instances of one deployment) is dropped by whoever created it.
  const database: TestDatabase = options.database ?? (await createTestDatabase());
  const ownsDatabase = !options.database;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-app-'));
  const config: AppConfig = {
    ...loadConfig({
      KOERS_DATA_DIR: dataDir,
      KOERS_JWT_SECRET: 'test-secret-'.padEnd(48, 'x'),
      KOERS_DEMO: 'true',
      KOERS_LOGIN_RATE_LIMIT: '1000',
      KOERS_LOGIN_ACCOUNT_RATE_LIMIT: '1000',
      ...env,
    }),
  };
  config.database = database.config;
  const app = await createApp(config, { forceCloseConnections: true, logger: ['error'] });
  await app.listen(options.port ?? 0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const http = () => request(app.getHttpServer());
  return {
    app,
    config,
    url,
    http,
    async login(email, password = DEMO_PASSWORD) {
      const response = await http().post('/api/auth/login').send({ email, password });
      if (response.status !== 200)
        throw new Error(`Login of ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.accessToken as string;
    },
    async close() {
      await app.close();
      if (ownsDatabase) await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
