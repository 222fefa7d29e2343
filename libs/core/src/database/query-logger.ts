import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { RepeatLogger } from '../logging/repeat-logger';
import { pgErrorCode } from './pg-errors';

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
    const line = `query failed: ${oneLine(query)} -- ${message} (parameters not logged)`;
    // A constraint violation (SQLSTATE class 23) is how a duplicate name or a still-referenced row is
    // detected; the caller turns it into a 409. One it does not map ends as a 500, logged as an error there.
    if (pgErrorCode(error)?.startsWith('23')) this.logger.debug(line);
    else this.failures.error(line);
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
