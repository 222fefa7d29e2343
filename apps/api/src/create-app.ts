import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { AppConfig } from '@koers/core';
import { AppModule } from './app.module';
import { serveApiDocs } from './http/api-docs';
import { HttpErrorFilter } from './http/http-error.filter';
import { jsonOnlyChanges, noStore, sameOriginChanges } from './http/request-guards';
import { createValidationPipe } from './http/validation';
import { serveWebClient } from './http/web-client';
import { KoersIoAdapter } from './realtime/koers-io.adapter';

export interface CreateAppOptions {
  /** Tests close open connections on shutdown so Jest can exit. */
  forceCloseConnections?: boolean;
  logger?: false | Array<'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal'>;
}

/** The one bootstrap of the API, used by main.ts and by the tests: same pipes, filters and middleware. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    forceCloseConnections: options.forceCloseConnections ?? false,
    logger: options.logger ?? ['log', 'error', 'warn'],
    bodyParser: true,
    // A boot failure (database unreachable, data directory in use) is thrown to the caller, not process.abort().
    abortOnError: false,
  });
  // The client's address (rate limits, audit) comes from X-Forwarded-For only when the connection is from a
  // configured proxy (KOERS_TRUSTED_PROXIES); otherwise anyone could claim any address.
  app.set('trust proxy', config.http.trustedProxies);
  app.use(
    helmet({ contentSecurityPolicy: { directives: { 'connect-src': ["'self'", ...config.http.allowedOrigins] } } }),
  );
  app.use(noStore());
  app.use(sameOriginChanges(config.http.allowedOrigins));
  app.use(jsonOnlyChanges());
  app.use(cookieParser());
  app.useBodyParser('json', { limit: '256kb' });
  // The CSV imports (POST /api/imports/...) only; jsonOnlyChanges refuses text/csv on every other route.
  app.useBodyParser('text', { type: 'text/csv', limit: '2mb', defaultCharset: 'utf-8' });
  app.enableCors({ origin: config.http.allowedOrigins, credentials: true });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  app.useWebSocketAdapter(new KoersIoAdapter(app, config));
  app.enableShutdownHooks();

  serveApiDocs(app, config.http.apiDocs);

  if (config.http.webDistDir) serveWebClient(app, config.http.webDistDir);
  return app;
}
