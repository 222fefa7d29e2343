import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { ApiDocsMode, ErrorCode } from '@koers/core';
import { ACCESS_COOKIE, AuthService, bearerToken, PUBLIC_ROUTE_EXTENSION } from '@koers/identity';

export const API_DOCS_PATH = 'api/docs';

/** The OpenAPI document of every route (also written to a file by `npm run openapi`). */
export function createOpenApiDocument(app: NestExpressApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Koers API')
    .setDescription('Bestuurlijke werkgroepen van de Regionale Veiligheidsstrategie')
    .setVersion('0.1.0')
    .addBearerAuth()
    .addCookieAuth(ACCESS_COOKIE)
    .build();
  return withSecurityAndErrors(SwaggerModule.createDocument(app, config));
}

const ERROR_BODY_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.values(ErrorCode) },
        message: { type: 'string', description: 'Dutch, for the user' },
        fields: {
          type: 'array',
          items: {
            type: 'object',
            required: ['field', 'messages'],
            properties: { field: { type: 'string' }, messages: { type: 'array', items: { type: 'string' } } },
          },
        },
        current: { description: 'With STALE_VERSION: the resource as it is stored now' },
      },
    },
  },
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
});

/**
 * Every route but the public ones (@Public) takes the bearer token or the session cookie, and every route
 * answers errors in the one shape (ErrorBody): declared once here instead of on each of ~150 routes.
 */
function withSecurityAndErrors(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components };
  document.components.schemas = { ...document.components.schemas, ErrorBody: ERROR_BODY_SCHEMA };
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const isPublic = (operation as unknown as Record<string, unknown>)[PUBLIC_ROUTE_EXTENSION] === true;
      if (!isPublic) {
        operation.security = [{ bearer: [] }, { cookie: [] }];
        operation.responses['401'] ??= errorResponse('Not logged in, or the session has ended');
      }
      operation.responses['default'] ??= errorResponse('Any other error, in the one error shape');
    }
  }
  return document;
}

/**
 * /api/docs (viewer) and /api/docs-json: `on` for everyone, `authenticated` only with a valid session (the
 * document lists every route, which a stranger need not see), `off` not served at all (KOERS_API_DOCS).
 */
export function serveApiDocs(app: NestExpressApplication, mode: ApiDocsMode) {
  if (mode === 'off') return;
  if (mode === 'authenticated') {
    const auth = app.get(AuthService);
    // Also guards /api/docs-json and the viewer's assets under /api/docs/.
    app.use((request: Request, response: Response, next: NextFunction) => {
      if (!request.path.startsWith(`/${API_DOCS_PATH}`)) return next();
      const token = bearerToken(request) ?? (request.cookies?.[ACCESS_COOKIE] as string | undefined);
      auth.authenticate(token, request.ip ?? null).then(
        () => next(),
        () =>
          response.status(401).json({
            error: { code: ErrorCode.Unauthenticated, message: 'Log in om de API-documentatie te lezen.' },
          }),
      );
    });
  }
  SwaggerModule.setup(API_DOCS_PATH, app, () => createOpenApiDocument(app));
}
