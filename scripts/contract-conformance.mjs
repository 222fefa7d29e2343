#!/usr/bin/env node
/**
 * One contract, checked: every call of the web client's `request<T>(method, path)` in an API module is matched
 * to the controller route it calls, and the TypeScript compiler checks that what the route returns serialises to
 * the `T` the web expects (`Serializable<T>` from libs/contracts: a `Date` may stand for an ISO string).
 * Prints the calls without a route and the mismatches; exit 1 when there is any.
 * Usage: node scripts/contract-conformance.mjs (npm run contracts:check) [--json]
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.join(import.meta.dirname, '..');
const webRoot = path.join(root, 'apps/web/src');
const HTTP = { Get: 'GET', Post: 'POST', Put: 'PUT', Patch: 'PATCH', Delete: 'DELETE' };
const checkFile = path.join(root, 'apps/api/src/http/__contract-conformance__.ts');

const webApiFiles = () =>
  fs
    .readdirSync(webRoot, { recursive: true })
    .map((f) => path.join(webRoot, String(f)))
    .filter((f) => f === path.join(webRoot, 'api.ts') || /-api\.ts$/.test(f));

/**
 * '/workgroups/${id(x)}/actions' + query(...) → '/workgroups/{}/actions'; a prefix from a local helper
 * (`const base = (id) => \`/inventories/${id}\``) is followed into that helper.
 */
function pathPattern(node, helpers = new Map()) {
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return pathPattern(node.left, helpers);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    const part = (expression) => {
      const callee =
        ts.isCallExpression(expression) && ts.isIdentifier(expression.expression) ? expression.expression.text : '';
      const helper = callee && helpers.get(callee);
      return helper ? (pathPattern(helper, helpers) ?? '{}') : '{}';
    };
    return node.head.text + node.templateSpans.map((s) => part(s.expression) + s.literal.text).join('');
  }
  return null;
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
  const calls = [];
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
          const [method, url] = body.arguments;
          const pattern = url && pathPattern(url, helpers);
          if (!method || !ts.isStringLiteral(method) || !pattern || !body.typeArguments) continue;
          calls.push({
            file,
            object: declaration.name.text,
            key: property.name.getText(source),
            method: method.text,
            path: normalise(pattern),
          });
        }
      }
    }
  }
  return calls;
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
  const first = ts.createProgram([...controllers, ...webApiFiles()], options);
  const calls = webCalls(first);
  const routes = serverRoutes(first, controllers);

  const rel = (file) => './' + path.relative(path.dirname(checkFile), file).replace(/\.ts$/, '');
  const lines = [
    "import type { Serializable } from '@koers/contracts';",
    'type Server<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;',
    'type Web<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;',
  ];
  const unmatched = [];
  const checks = [];
  const imported = new Set();
  for (const call of calls) {
    const route = routes.get(`${call.method} ${call.path}`);
    if (!route) {
      unmatched.push(call);
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
  const text = lines.join('\n') + '\n';
  const base = ts.createCompilerHost(options);
  const checkHost = {
    ...base,
    fileExists: (f) => f === checkFile || base.fileExists(f),
    readFile: (f) => (f === checkFile ? text : base.readFile(f)),
    getSourceFile: (f, v, ...rest) =>
      f === checkFile ? ts.createSourceFile(f, text, v) : base.getSourceFile(f, v, ...rest),
  };
  const program = ts.createProgram([checkFile], options, checkHost, first);
  const diagnostics = program.getSemanticDiagnostics(program.getSourceFile(checkFile));
  const mismatches = [];
  for (const d of diagnostics) {
    const line = d.file.getLineAndCharacterOfPosition(d.start).line;
    const check = checks.find((c) => c.line === line);
    const where = check
      ? `${check.call.method} /api${check.call.path} (${check.route.controller}.${check.route.method} → ${check.call.object}.${check.call.key})`
      : `line ${line + 1}`;
    mismatches.push({
      where,
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n  ').split('\n').slice(0, 6).join('\n'),
    });
  }
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ checked: checks.length, unmatched, mismatches }, null, 2));
  } else {
    for (const u of unmatched) console.log(`no route: ${u.method} /api${u.path} (${u.object}.${u.key})`);
    for (const m of mismatches) console.log(`mismatch: ${m.where}\n  ${m.message}`);
    console.log(
      `Contract conformance: ${checks.length} web calls checked, ${unmatched.length} without a route, ${mismatches.length} mismatches`,
    );
  }
  process.exit(unmatched.length || mismatches.length ? 1 : 0);
}

main();
