import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The OpenAPI document as `npm run build:api` makes it (the compiled app, with the response schemas derived
 * from the controllers' return types): every route documents its success response, and the document passes
 * Redocly's recommended rules. `npm test` builds first; run `npm run build:api` before running this spec alone.
 */
const run = promisify(execFile);
const root = join(__dirname, '..');
const derivedFile = join(root, 'dist/apps/api/src/http/openapi-responses.json');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

type Schema = Record<string, unknown>;
interface Operation {
  operationId?: string;
  summary?: string;
  security?: unknown[];
  responses: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
}
interface OpenApi {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components: { schemas: Record<string, Schema> };
}

/** An empty or property-less object schema says nothing about the body (what Nest writes on its own). */
function saysNothing(schema: Schema | undefined): boolean {
  if (!schema || Object.keys(schema).length === 0) return true;
  return schema.type === 'object' && !schema.properties && !schema.additionalProperties && !schema.allOf;
}

/** "GET /api/x" for every route whose success response is missing or has no schema (a 204 has no body). */
export function routesWithoutResponse(document: OpenApi): string[] {
  const missing: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const success = Object.entries(operation.responses).filter(([code]) => code.startsWith('2'));
      const documented = success.some(
        ([code, response]) =>
          (code === '204' && !response.content) ||
          (response.description === 'No content' && !response.content) ||
          Object.values(response.content ?? {}).some((media) => !saysNothing(media.schema)),
      );
      if (!documented) missing.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return missing;
}

describe('the OpenAPI document', () => {
  let dir: string;
  let file: string;
  let document: OpenApi;

  beforeAll(async () => {
    if (!existsSync(derivedFile)) throw new Error('No compiled API with derived responses: run `npm run build:api`');
    dir = mkdtempSync(join(tmpdir(), 'koers-openapi-'));
    file = join(dir, 'openapi.json');
    await run(process.execPath, [join(root, 'scripts/openapi.js'), file], { cwd: root });
    document = JSON.parse(readFileSync(file, 'utf8')) as OpenApi;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('documents the success response of every route', () => {
    expect(Object.keys(document.paths).length).toBeGreaterThan(100);
    expect(routesWithoutResponse(document)).toEqual([]);
  });

  it('notices a route without a documented response', () => {
    const broken = JSON.parse(JSON.stringify(document)) as OpenApi;
    broken.paths['/api/health'].get!.responses['200'] = {
      description: '',
      content: { 'application/json': { schema: { type: 'object' } } },
    };
    expect(routesWithoutResponse(broken)).toEqual(['GET /api/health']);
  });

  it('names the contract types and describes what the routes really return', () => {
    const json = (path: string, method: (typeof METHODS)[number], code = '200') =>
      document.paths[path][method]!.responses[code].content!['application/json'].schema!;
    // GET /api/districts answers an array (it used to be declared an object).
    expect(json('/api/districts', 'get')).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/DistrictWithOrganisations' },
    });
    expect(json('/api/me/mfa', 'get')).toEqual({ $ref: '#/components/schemas/MfaStatus' });
    // A libs/contracts type is a named component, with its dates as date-time strings.
    expect(json('/api/workgroups/{id}/files', 'get')).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/FileMeta' },
    });
    expect(document.components.schemas.FileMeta).toMatchObject({
      type: 'object',
      properties: { createdAt: { type: 'string', format: 'date-time' } },
    });
    // Downloads are files, deletions have no body.
    const pdf = document.paths['/api/reporting-cycles/{id}/bundle.pdf'].get!.responses['200'];
    expect(pdf.content).toEqual({ 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } });
    expect(document.paths['/api/actions/{id}'].delete!.responses['204'].content).toBeUndefined();
  });

  it('gives ids the uuid format, in paths and in the contract schemas', () => {
    const parameters = (document.paths['/api/workgroups/{id}/members/{userId}'].patch as { parameters?: unknown[] })
      .parameters as Array<{ name: string; in: string; schema: Schema }>;
    expect(parameters.filter((p) => p.in === 'path').map((p) => [p.name, p.schema])).toEqual([
      ['id', { type: 'string', format: 'uuid' }],
      ['userId', { type: 'string', format: 'uuid' }],
    ]);
    expect(document.components.schemas.Action).toMatchObject({
      properties: {
        id: { type: 'string', format: 'uuid' },
        workgroupId: { type: 'string', format: 'uuid' },
        dueDate: { type: 'string', format: 'date' },
      },
    });
    // A sealed bundle travels as stored bytes, but the document says what they hold.
    expect(document.paths['/api/reporting-cycles/{id}/bundle'].get!.responses['200'].content).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/RvcBundle' } },
    });
  });

  it('the web client asks every route for the type the route answers (npm run contracts:check)', async () => {
    const { stdout } = await run(
      process.execPath,
      [join(root, 'scripts/contract-conformance.mjs'), '--json', '--probe'],
      {
        cwd: root,
        maxBuffer: 16 * 1024 * 1024,
      },
    ).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
    const result = JSON.parse(stdout) as {
      checked: number;
      unread: unknown[];
      unmatched: unknown[];
      mismatches: Array<{ where: string; message: string }>;
      probe: string[];
    };
    expect({ unread: result.unread, unmatched: result.unmatched, mismatches: result.mismatches }).toEqual({
      unread: [],
      unmatched: [],
      mismatches: [],
    });
    expect(result.checked).toBeGreaterThan(150);
    // The probe's three wrong calls are found: a wrong type, a path without a route, HTML read from a JSON route.
    expect(result.probe).toEqual([
      'GET /api/no-such-route',
      'GET /api/workgroups (WorkgroupsController.list → probeApi.textFromJson)',
      'GET /api/workgroups (WorkgroupsController.list → probeApi.wrongType)',
    ]);
  }, 120_000);

  it('declares security on every route, none on the public ones', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (operation) expect([path, method, Array.isArray(operation.security)]).toEqual([path, method, true]);
      }
    }
    expect(document.paths['/api/health'].get!.security).toEqual([]);
    expect(document.paths['/api/me'].get!.security).toEqual([{ bearer: [] }, { cookie: [] }]);
  });

  it("passes Redocly's recommended rules without an error", async () => {
    const result = await run(process.execPath, [join(root, 'scripts/openapi-lint.mjs'), file], { cwd: root }).catch(
      (error: { stdout: string }) => ({ stdout: error.stdout, failed: true }),
    );
    expect(result.stdout).toMatch(/OpenAPI lint \(recommended\): 0 errors/);
    expect('failed' in result).toBe(false);
  });
});
