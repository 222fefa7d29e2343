#!/usr/bin/env node
/**
 * One contract, checked: every call of the web client's `request<T>(method, path)` in an API module is matched
 * to the controller route it calls, and the TypeScript compiler checks that what the route returns serialises to
 * the `T` the web expects (`Serializable<T>` from libs/contracts: a `Date` may stand for an ISO string).
 * Prints the calls without a route and the mismatches; exit 1 when there is any.
 * `--probe` adds a web module with three wrong calls (a wrong type, no route, HTML read from a JSON route), so a
 * test can see that the check still finds them (test/openapi-document.spec.ts); they are reported apart.
 * Usage: node scripts/contract-conformance.mjs (npm run contracts:check) [--json] [--probe]
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.join(import.meta.dirname, '..');
const webRoot = path.join(root, 'apps/web/src');
const HTTP = { Get: 'GET', Post: 'POST', Put: 'PUT', Patch: 'PATCH', Delete: 'DELETE' };
const checkFile = path.join(root, 'apps/api/src/http/__contract-conformance__.ts');
const probeFile = path.join(webRoot, '__probe-api.ts');
const PROBE = `import { request } from './api';
export const probeApi = {
  wrongType: () => request<number>('GET', '/workgroups'),
  noRoute: () => request<void>('GET', '/no-such-route'),
  textFromJson: () => request<string>('GET', '/workgroups', undefined, { text: true }),
};
`;
const probing = process.argv.includes('--probe');

const webApiFiles = () => [
  ...fs
    .readdirSync(webRoot, { recursive: true })
    .map((f) => path.join(webRoot, String(f)))
    .filter((f) => f === path.join(webRoot, 'api.ts') || /-api\.ts$/.test(f)),
  ...(probing ? [probeFile] : []),
];

/** More variants than this (a path built from wide unions) and a computed part is matched as `{}`. */
const MAX_VARIANTS = 16;

/** The values of a string-literal type or of a union of them ('resolve' | 'reopen'); null for anything wider. */
function literalValues(type) {
  const members = type.isUnion() ? type.types : [type];
  if (!members.every((t) => t.isStringLiteral())) return null;
  return members.map((t) => t.value);
}

/** `PARENT_PATHS[parent.type]` of a module constant `{ workgroup: 'workgroups', ... }`: every value it can be. */
function recordValues(expression, checker) {
  if (!ts.isElementAccessExpression(expression) || !ts.isIdentifier(expression.expression)) return null;
  const declaration = checker.getSymbolAtLocation(expression.expression)?.valueDeclaration;
  const init = declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
  if (!init || !ts.isObjectLiteralExpression(init)) return null;
  const values = init.properties.map((p) =>
    ts.isPropertyAssignment(p) && ts.isStringLiteral(p.initializer) ? p.initializer.text : null,
  );
  return values.length && values.every((v) => v !== null) ? values : null;
}

const product = (lefts, rights) => lefts.flatMap((l) => rights.map((r) => l + r));

/**
 * The paths a call can ask for: '/workgroups/${id(x)}/actions' + query(...) → ['/workgroups/{}/actions'].
 * A part whose type is a string literal or a union of them is expanded (`${resolved ? 'resolve' : 'reopen'}`,
 * `${kind}` of type ImportKind); a prefix from a local helper (`const base = (id) => \`/inventories/${id}\``)
 * is followed into that helper; any other part is a parameter, `{}`.
 */
function pathVariants(node, checker, helpers = new Map()) {
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return pathVariants(node.left, checker, helpers);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  const helperOf = (expression) => {
    const callee =
      ts.isCallExpression(expression) && ts.isIdentifier(expression.expression) ? expression.expression.text : '';
    return (callee && helpers.get(callee)) || null;
  };
  if (helperOf(node)) return pathVariants(helperOf(node), checker, helpers);
  if (!ts.isTemplateExpression(node)) return null;
  const part = (expression) => {
    const helper = helperOf(expression);
    if (helper) return pathVariants(helper, checker, helpers) ?? ['{}'];
    return literalValues(checker.getTypeAtLocation(expression)) ?? recordValues(expression, checker) ?? ['{}'];
  };
  let variants = [node.head.text];
  for (const span of node.templateSpans) {
    const next = product(product(variants, part(span.expression)), [span.literal.text]);
    variants = next.length > MAX_VARIANTS ? product(variants, ['{}' + span.literal.text]) : next;
  }
  return variants;
}

/** The module's `const name = (…) => \`…\`` path helpers, by name. */
function pathHelpers(source) {
  const helpers = new Map();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) {
      const body = d.initializer && ts.isArrowFunction(d.initializer) ? d.initializer.body : null;
      if (body && ts.isIdentifier(d.name) && (ts.isTemplateExpression(body) || ts.isStringLiteral(body)))
        helpers.set(d.name.text, body);
    }
  }
  return helpers;
}
/** A route pattern: `:id` and `${…}` become `{}`; a `${query}` glued to the last segment is a query string. */
const normalise = (p) =>
  ('/' + p.replace(/^\/+|\/+$/g, ''))
    .replace(/:[A-Za-z]+/g, '{}')
    .replace(/\?.*$/, '')
    .replace(/([^/])\{\}$/, '$1');

function webCalls(program) {
  const checker = program.getTypeChecker();
  const calls = [];
  const unread = [];
  for (const file of webApiFiles()) {
    const source = program.getSourceFile(file);
    const helpers = pathHelpers(source);
    for (const statement of source.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer;
        if (!init || !ts.isObjectLiteralExpression(init) || !ts.isIdentifier(declaration.name)) continue;
        for (const property of init.properties) {
          if (!ts.isPropertyAssignment(property) || !ts.isArrowFunction(property.initializer)) continue;
          const body = property.initializer.body;
          if (!ts.isCallExpression(body) || body.expression.getText(source) !== 'request') continue;
          const [method, url, , options] = body.arguments;
          const call = { file, object: declaration.name.text, key: property.name.getText(source) };
          const methods = method && literalValues(checker.getTypeAtLocation(method));
          const paths = url && pathVariants(url, checker, helpers);
          if (!methods || !paths || !body.typeArguments) {
            unread.push({ ...call, method: method?.getText(source) ?? '?', path: url?.getText(source) ?? '?' });
            continue;
          }
          // `{ text: true }`: the answer is read as text (rendered HTML), not JSON.
          const text =
            !!options &&
            ts.isObjectLiteralExpression(options) &&
            options.properties.some(
              (p) =>
                ts.isPropertyAssignment(p) &&
                p.name.getText(source) === 'text' &&
                p.initializer.kind === ts.SyntaxKind.TrueKeyword,
            );
          const distinct = [...new Set(paths.map(normalise))];
          for (const m of methods) for (const p of distinct) calls.push({ ...call, method: m, path: p, text });
        }
      }
    }
  }
  return { calls, unread };
}

function serverRoutes(program, controllers) {
  const routes = new Map();
  const arg = (decorator) => {
    const first = ts.isCallExpression(decorator.expression) ? decorator.expression.arguments[0] : undefined;
    return first && ts.isStringLiteral(first) ? first.text : '';
  };
  for (const file of controllers) {
    const source = program.getSourceFile(file);
    for (const node of source.statements) {
      if (!ts.isClassDeclaration(node) || !node.name) continue;
      const controller = (ts.getDecorators(node) ?? []).find((d) =>
        d.expression.getText(source).startsWith('Controller'),
      );
      const prefix = controller ? arg(controller) : '';
      for (const member of node.members) {
        if (!ts.isMethodDeclaration(member)) continue;
        for (const decorator of ts.getDecorators(member) ?? []) {
          const name = ts.isCallExpression(decorator.expression) ? decorator.expression.expression.getText(source) : '';
          if (!HTTP[name]) continue;
          const route = normalise([prefix, arg(decorator)].filter(Boolean).join('/'));
          routes.set(`${HTTP[name]} ${route}`, {
            file,
            controller: node.name.text,
            method: member.name.getText(source),
            // `@Res()` (not passthrough): the method writes the answer itself (HTML, a download), so its return
            // type says nothing.
            raw: member.parameters.some((p) =>
              (ts.getDecorators(p) ?? []).some((d) =>
                /^Res\((?!\s*\{\s*passthrough:\s*true)/.test(d.expression.getText(source)),
              ),
            ),
          });
        }
      }
    }
  }
  return routes;
}

function main() {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => console.error(d.messageText),
    },
  );
  const controllers = config.fileNames.filter((f) => /apps\/api\/src\/http\/.*\.controller\.ts$/.test(f));
  const options = { ...config.options, noEmit: true };
  // Files that exist only in memory: the probe (with --probe) and, below, the generated checks.
  const virtual = new Map(probing ? [[probeFile, PROBE]] : []);
  const base = ts.createCompilerHost(options);
  const host = {
    ...base,
    fileExists: (f) => virtual.has(f) || base.fileExists(f),
    readFile: (f) => virtual.get(f) ?? base.readFile(f),
    getSourceFile: (f, v, ...rest) =>
      virtual.has(f) ? ts.createSourceFile(f, virtual.get(f), v, true) : base.getSourceFile(f, v, ...rest),
  };
  const first = ts.createProgram([...controllers, ...webApiFiles()], options, host);
  const { calls, unread } = webCalls(first);
  const routes = serverRoutes(first, controllers);

  const rel = (file) => './' + path.relative(path.dirname(checkFile), file).replace(/\.ts$/, '');
  const lines = [
    "import type { Serializable } from '@koers/contracts';",
    // JSON sent as bytes (`JsonFile<T>`, apps/api/src/http/json-file.ts) is compared as the `T` it holds.
    'type Wire<R> = R extends { readonly __json?: infer T } ? (unknown extends T ? R : T) : R;',
    'type Server<F> = F extends (...args: never[]) => infer R ? Wire<Awaited<R>> : never;',
    'type Web<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;',
  ];
  let unmatched = [];
  const textMismatches = [];
  const checks = [];
  const imported = new Set();
  for (const call of calls) {
    const route = routes.get(`${call.method} ${call.path}`);
    if (!route) {
      unmatched.push(call);
      continue;
    }
    if (call.text || route.raw) {
      // An answer read as text must come from a route that writes it itself, and only such a route's answer is text.
      if (call.text !== route.raw)
        textMismatches.push({
          object: call.object,
          where: `${call.method} /api${call.path} (${route.controller}.${route.method} → ${call.object}.${call.key})`,
          message: call.text
            ? 'the web reads this answer as text, but the route answers JSON'
            : 'the route writes its own answer (@Res()), but the web reads it as JSON',
        });
      continue;
    }
    for (const [name, file] of [
      [route.controller, route.file],
      [call.object, call.file],
    ]) {
      if (!imported.has(name)) lines.push(`import type { ${name} } from '${rel(file)}';`);
      imported.add(name);
    }
    checks.push({ call, route, line: lines.length });
    lines.push(
      `export const check${checks.length}: Serializable<Web<(typeof ${call.object})['${call.key}']>> = null as unknown as ` +
        `Server<${route.controller}['${route.method}']>;`,
    );
  }
  virtual.set(checkFile, lines.join('\n') + '\n');
  const program = ts.createProgram([checkFile], options, host, first);
  const diagnostics = program.getSemanticDiagnostics(program.getSourceFile(checkFile));
  let mismatches = [...textMismatches];
  for (const d of diagnostics) {
    const line = d.file.getLineAndCharacterOfPosition(d.start).line;
    const check = checks.find((c) => c.line === line);
    const where = check
      ? `${check.call.method} /api${check.call.path} (${check.route.controller}.${check.route.method} → ${check.call.object}.${check.call.key})`
      : `line ${line + 1}`;
    mismatches.push({
      object: check?.call.object,
      where,
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n  ').split('\n').slice(0, 6).join('\n'),
    });
  }
  // The probe's findings are the proof that the check works, not failures of the code.
  const isProbe = (finding) => finding.object === 'probeApi';
  const probe = [...unmatched, ...mismatches].filter(isProbe).map((f) => f.where ?? `${f.method} /api${f.path}`);
  unmatched = unmatched.filter((f) => !isProbe(f));
  mismatches = mismatches.filter((f) => !isProbe(f));
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ checked: checks.length, unread, unmatched, mismatches, probe }, null, 2));
  } else {
    for (const u of unread) console.log(`not understood: request(${u.method}, ${u.path}) (${u.object}.${u.key})`);
    for (const u of unmatched) console.log(`no route: ${u.method} /api${u.path} (${u.object}.${u.key})`);
    for (const m of mismatches) console.log(`mismatch: ${m.where}\n  ${m.message}`);
    for (const p of probe) console.log(`found by the probe, as it should: ${p}`);
    console.log(
      `Contract conformance: ${checks.length} web calls checked, ${unread.length} not understood, ` +
        `${unmatched.length} without a route, ${mismatches.length} mismatches`,
    );
  }
  process.exit(unread.length || unmatched.length || mismatches.length ? 1 : 0);
}

main();
