export * from './config/app-config';
export * from './config/config.tokens';
export * from './core.module';
export * from './database/database-options';
export * from './database/pg-errors';
export * from './errors/domain-error';
export * from './errors/error-body';
export * from './logging/repeat-logger';
