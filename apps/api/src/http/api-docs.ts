import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
    .setDescription('Bestuurlijke werkgroepen van een regionaal veiligheidsplan (strategie, beleidsplan)')
    .setVersion('0.1.0')
    .addServer('/')
    .addBearerAuth()
    .addCookieAuth(ACCESS_COOKIE)
    .build();
  return withResponses(withSecurityAndErrors(SwaggerModule.createDocument(app, config)));
}

/** What `scripts/openapi-responses.mjs` derived from the controllers' return types (written by `npm run build:api`). */
interface DerivedResponses {
  routes: Record<string, ({ void: true } | { schema: Record<string, unknown> }) & { uuidParams?: string[] }>;
  components: Record<string, Record<string, unknown>>;
}

const DERIVED_RESPONSES_FILE = join(__dirname, 'openapi-responses.json');

function derivedResponses(): DerivedResponses | null {
  if (!existsSync(DERIVED_RESPONSES_FILE)) return null;
  return JSON.parse(readFileSync(DERIVED_RESPONSES_FILE, 'utf8')) as DerivedResponses;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * Every route's success response with its schema, derived from the controller method's return type (a
 * libs/contracts type becomes a named component). Without the derived file (the API run from source, as in
 * the tests) the document keeps Nest's bare success responses.
 */
function withResponses(document: OpenAPIObject, derived = derivedResponses()): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operation.summary ??= summaryOf(operation.operationId, method, path);
      const route = derived?.routes[operation.operationId ?? ''];
      if (!route) continue;
      for (const parameter of operation.parameters ?? []) {
        if ('in' in parameter && parameter.in === 'path' && route.uuidParams?.includes(parameter.name))
          parameter.schema = { ...parameter.schema, type: 'string', format: 'uuid' };
      }
      const code =
        Object.keys(operation.responses).find((c) => c.startsWith('2')) ?? (method === 'post' ? '201' : '200');
      const description = (operation.responses[code] as { description?: string } | undefined)?.description;
      if ('void' in route) {
        operation.responses[code] = { description: description || 'No content' };
      } else {
        const binary = route.schema.format === 'binary';
        operation.responses[code] = {
          description: description || (binary ? 'The file' : 'OK'),
          content: { [binary ? 'application/octet-stream' : 'application/json']: { schema: route.schema } },
        };
      }
    }
  }
  if (derived) {
    document.components!.schemas = { ...document.components!.schemas, ...derived.components };
    withoutUnusedSchemas(document);
  }
  return document;
}

/** Drops the schemas no route refers to any more (Nest's empty entity schemas the derived responses replaced). */
function withoutUnusedSchemas(document: OpenAPIObject) {
  const schemas = document.components!.schemas!;
  const used = new Set<string>();
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        const name = value.split('/').pop()!;
        if (!used.has(name)) {
          used.add(name);
          visit(schemas[name]);
        }
      } else visit(value);
    }
  };
  visit(document.paths);
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
}

/** "ActionsController_list" → "list (actions)", for routes whose method has no doc comment. */
function summaryOf(operationId: string | undefined, method: string, path: string): string {
  const [controller, handler] = (operationId ?? '').split('_');
  if (!handler) return `${method.toUpperCase()} ${path}`;
  const words = (s: string) => s.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `${words(handler)} (${words(controller.replace(/Controller$/, ''))})`;
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
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const isPublic = (operation as unknown as Record<string, unknown>)[PUBLIC_ROUTE_EXTENSION] === true;
      if (!isPublic) {
        operation.security = [{ bearer: [] }, { cookie: [] }];
        operation.responses['401'] ??= errorResponse('Not logged in, or the session has ended');
      } else {
        operation.security = [];
        operation.responses['4XX'] ??= errorResponse('A refused request, in the one error shape');
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
