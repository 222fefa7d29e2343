import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { RepeatLogger } from '../logging/repeat-logger';

/**
 * TypeORM's own logger prints a failed query with its parameters, and those can be a password hash, a
 * refresh-token hash or a member's personal data (a duplicate e-mail does it). We log the statement and
 * the database's message, never the parameters.
 */
export class QueryLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('Database');
  /** During an outage every query fails the same way: once per statement and cause, then a count. */
  private readonly failures = new RepeatLogger('Database');

  logQuery(): void {
    /* queries are not logged */
  }

  logQueryError(error: string | Error, query: string): void {
    const message = typeof error === 'string' ? error : error.message;
    this.failures.error(`query failed: ${oneLine(query)} -- ${message} (parameters not logged)`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query (${time} ms): ${oneLine(query)}`);
  }

  logSchemaBuild(): void {
    /* no schema sync */
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}

function oneLine(query: string): string {
  return query.replace(/\s+/g, ' ').trim().slice(0, 500);
}
