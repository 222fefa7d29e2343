/**
 * The contract between the API, the web client and the tests: wire types (dates as ISO strings), enums
 * and their Dutch labels, error codes, the live-event map and the collaboration protocol constants.
 * No Nest, TypeORM or browser dependency: the server, the web client (Vite alias) and test/ import it.
 */
export * from './account';
export * from './actions';
export * from './audit';
export * from './collab-protocol';
export * from './common';
export * from './consultation';
export * from './governance';
export * from './documents';
export * from './errors';
export * from './finance';
export * from './files';
export * from './identity';
export * from './imports';
export * from './inventory';
export * from './knowledge';
export * from './labels';
export * from './live-events';
export * from './notifications';
export * from './region';
export * from './reporting';
export * from './search';
export * from './sessions';
export * from './strategy';
export * from './workgroups';
export * from './dossier';
export * from './sso';
export * from './first-screens';
