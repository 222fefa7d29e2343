#!/usr/bin/env node
/**
 * Derives the success response schema of every API route from the code: the TypeScript compiler reads each
 * controller method's (awaited) return type and turns it into an OpenAPI 3.0 schema. A type declared in
 * libs/contracts becomes a named component (`#/components/schemas/Action`), so the document speaks the same
 * names as the web client and the tests; a `Date` becomes a `date-time` string (what JSON makes of it).
 *
 * Runs after `nest build api` (part of `npm run build:api`) and writes
 * dist/apps/api/src/http/openapi-responses.json, which `createOpenApiDocument` merges into the document.
 * Nothing is committed, so the document cannot drift from the code.
 * Usage: node scripts/openapi-responses.mjs [out-file]
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.join(import.meta.dirname, '..');
const contractsDir = path.join(root, 'libs/contracts/src') + path.sep;
const HTTP_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete']);
/** Return types that are a byte stream, not JSON. */
const BINARY_TYPES = new Set(['StreamableFile', 'Buffer', 'Readable', 'ReadStream', 'Uint8Array']);
const MAX_DEPTH = 12;
/** The contract's named strings and the OpenAPI format each stands for. */
const STRING_FORMATS = { IsoDateTime: 'date-time', IsoDate: 'date', Uuid: 'uuid' };

function createProgram() {
  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => console.error(d.messageText) };
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, host);
  const controllers = config.fileNames.filter((f) => /apps\/api\/src\/http\/.*\.controller\.ts$/.test(f));
  return { program: ts.createProgram(controllers, { ...config.options, noEmit: true }), controllers };
}

function responsesOf(program, controllers) {
  const checker = program.getTypeChecker();
  /** Named schemas for the contract types met along the way. */
  const components = {};
  const inProgress = new Set();

  const declaredInContracts = (symbol) =>
    !!symbol && (symbol.declarations ?? []).some((d) => d.getSourceFile().fileName.startsWith(contractsDir));
  const description = (symbol) => ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  const withDescription = (schema, symbol) => {
    const text = symbol ? description(symbol) : '';
    if (!text) return schema;
    // A $ref takes no siblings in OpenAPI 3.0: wrap it.
    return schema.$ref ? { allOf: [schema], description: text } : { ...schema, description: text };
  };

  /** The contract name under which a type is a component, if it is a plain (non-generic) contract type. */
  function contractName(type) {
    if (type.aliasSymbol) {
      if (type.aliasTypeArguments?.length) return null;
      return declaredInContracts(type.aliasSymbol) ? type.aliasSymbol.name : null;
    }
    const symbol = type.getSymbol();
    if (!symbol || !(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class))) return null;
    if (type.typeArguments?.length || (type.target && type.target !== type)) return null;
    return declaredInContracts(symbol) ? symbol.name : null;
  }

  function schemaOf(type, depth) {
    if (depth > MAX_DEPTH) return {};
    const name = contractName(type);
    if (!name) return structure(type, depth);
    if (!components[name] && !inProgress.has(name)) {
      inProgress.add(name);
      components[name] = withDescription(structure(type, 0), type.aliasSymbol ?? type.getSymbol());
      inProgress.delete(name);
    }
    return { $ref: `#/components/schemas/${name}` };
  }

  function structure(type, depth) {
    const f = type.flags;
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (f & ts.TypeFlags.String) return { type: 'string' };
    if (f & ts.TypeFlags.Number) return { type: 'number' };
    if (f & ts.TypeFlags.BigInt) return { type: 'string', description: 'An integer as a decimal string' };
    if (f & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return { type: 'boolean' };
    if (f & ts.TypeFlags.StringLiteral) return { type: 'string', enum: [type.value] };
    if (f & ts.TypeFlags.NumberLiteral) return { type: 'number', enum: [type.value] };
    if (f & ts.TypeFlags.Null) return { nullable: true };
    if (f & ts.TypeFlags.Union) return unionSchema(type, depth);
    if (f & ts.TypeFlags.Object || f & ts.TypeFlags.Intersection) return objectSchema(type, depth);
    return {};
  }

  function unionSchema(type, depth) {
    let members = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
    const nullable = members.some((t) => t.flags & ts.TypeFlags.Null);
    members = members.filter((t) => !(t.flags & ts.TypeFlags.Null));
    let schema;
    if (members.length && members.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) {
      schema = { type: 'boolean' };
    } else if (members.length && members.every((t) => t.flags & ts.TypeFlags.StringLiteral)) {
      schema = { type: 'string', enum: members.map((t) => t.value) };
    } else if (members.length && members.every((t) => t.flags & ts.TypeFlags.NumberLiteral)) {
      schema = { type: 'number', enum: members.map((t) => t.value) };
    } else if (members.length === 1) {
      schema = schemaOf(members[0], depth + 1);
    } else {
      // `true | false` inside a wider union arrives as two members: fold them back into one boolean.
      const booleans = members.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
      const rest = members.filter((t) => !(t.flags & ts.TypeFlags.BooleanLiteral));
      const options = rest.map((t) => schemaOf(t, depth + 1));
      if (booleans.length) options.push({ type: 'boolean' });
      schema = options.length === 1 ? options[0] : { anyOf: options };
    }
    if (!nullable) return schema;
    if (schema.$ref) return { allOf: [schema], nullable: true };
    if (schema.enum) return { ...schema, enum: [...schema.enum, null], nullable: true };
    return { ...schema, nullable: true };
  }

  function objectSchema(type, depth) {
    const symbol = type.getSymbol();
    if (symbol?.name === 'Date') return { type: 'string', format: 'date-time' };
    if (symbol && BINARY_TYPES.has(symbol.name)) return { type: 'string', format: 'binary' };
    if (checker.isArrayType(type) || checker.isTupleType(type)) {
      const args = checker.getTypeArguments(type);
      if (checker.isTupleType(type)) {
        const items = args.map((t) => schemaOf(t, depth + 1));
        const distinct = items.filter((item, i) => items.findIndex((x) => same(x, item)) === i);
        return { type: 'array', items: distinct.length === 1 ? distinct[0] : { anyOf: distinct } };
      }
      return { type: 'array', items: schemaOf(args[0], depth + 1) };
    }
    const properties = {};
    const required = [];
    for (const property of checker.getPropertiesOfType(type)) {
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      if (declaration && (ts.isMethodDeclaration(declaration) || ts.isMethodSignature(declaration))) continue;
      if (
        declaration &&
        ts.getCombinedModifierFlags(declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)
      )
        continue;
      const propertyType = checker.getTypeOfSymbol(property);
      if (propertyType.getCallSignatures().length) continue;
      const optional =
        property.flags & ts.SymbolFlags.Optional ||
        (propertyType.flags & ts.TypeFlags.Union && propertyType.types.some((t) => t.flags & ts.TypeFlags.Undefined));
      let schema = schemaOf(propertyType, depth + 1);
      const typeNode = declaration && ts.isPropertySignature(declaration) ? declaration.type : undefined;
      const format = stringFormat(typeNode);
      if (format && schema.type === 'string') schema = { ...schema, format };
      const itemFormat = typeNode && ts.isArrayTypeNode(typeNode) ? stringFormat(typeNode.elementType) : null;
      if (itemFormat && schema.type === 'array' && schema.items?.type === 'string')
        schema = { ...schema, items: { ...schema.items, format: itemFormat } };
      properties[property.name] = withDescription(schema, property);
      if (!optional) required.push(property.name);
    }
    const schema = { type: 'object', properties };
    if (required.length) schema.required = required;
    const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    if (index) schema.additionalProperties = schemaOf(index.type, depth + 1);
    return schema;
  }

  /** `IsoDateTime`, `IsoDate` and `Uuid` are plain strings to the compiler: their format is read from the declaration. */
  function stringFormat(node) {
    if (!node) return null;
    if (ts.isUnionTypeNode(node)) return node.types.map(stringFormat).find(Boolean) ?? null;
    if (!ts.isTypeReferenceNode(node)) return null;
    return STRING_FORMATS[node.typeName.getText()] ?? null;
  }

  const routes = {};
  for (const file of controllers) {
    const source = program.getSourceFile(file);
    ts.forEachChild(source, (node) => {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      for (const member of node.members) {
        if (!ts.isMethodDeclaration(member)) continue;
        const decorators = (ts.getDecorators(member) ?? []).map((d) =>
          ts.isCallExpression(d.expression) ? d.expression.expression.getText(source) : d.expression.getText(source),
        );
        if (!decorators.some((d) => HTTP_DECORATORS.has(d))) continue;
        const signature = checker.getSignatureFromDeclaration(member);
        const returned = checker.getReturnTypeOfSignature(signature);
        const type = checker.getAwaitedType(returned) ?? returned;
        const key = `${node.name.text}_${member.name.getText(source)}`;
        // JSON sent as stored bytes (`JsonFile<T>`, apps/api/src/http/json-file.ts) is described as the `T` it holds.
        const json = type.getProperty('__json');
        const wire = json ? checker.getNonNullableType(checker.getTypeOfSymbol(json)) : type;
        if (type.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) routes[key] = { void: true };
        else routes[key] = { schema: schemaOf(wire, 0) };
        const uuids = uuidParams(member, source);
        if (uuids.length) routes[key].uuidParams = uuids;
      }
    });
  }
  typeNullableRefs({ routes, components }, components);
  return { routes, components };
}

/** The path parameters a method takes through `UuidParamPipe` (`@Param('id', UuidParamPipe)`): `format: uuid`. */
function uuidParams(member, source) {
  const names = [];
  for (const parameter of member.parameters) {
    for (const decorator of ts.getDecorators(parameter) ?? []) {
      const call = decorator.expression;
      if (!ts.isCallExpression(call) || call.expression.getText(source) !== 'Param') continue;
      const [name, ...pipes] = call.arguments;
      if (name && ts.isStringLiteral(name) && pipes.some((p) => p.getText(source) === 'UuidParamPipe'))
        names.push(name.text);
    }
  }
  return names;
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * OpenAPI 3.0 wants `type` beside `nullable`: a nullable reference (`allOf: [$ref]`) takes the type of the
 * component it points to.
 */
function typeNullableRefs(node, components) {
  if (!node || typeof node !== 'object') return;
  if (node.nullable && !node.type && node.allOf?.length === 1 && node.allOf[0].$ref) {
    const target = components[node.allOf[0].$ref.split('/').pop()];
    if (target?.type) node.type = target.type;
  }
  for (const value of Object.values(node)) typeNullableRefs(value, components);
}

function main() {
  const out = path.resolve(process.argv[2] || path.join(root, 'dist/apps/api/src/http/openapi-responses.json'));
  const { program, controllers } = createProgram();
  const result = responsesOf(program, controllers);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(result) + '\n');
  const routes = Object.keys(result.routes).length;
  const named = Object.keys(result.components).length;
  console.log(`Wrote ${path.relative(process.cwd(), out)}: ${routes} routes, ${named} contract schemas`);
}

main();
