import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '@koers/access';
import type { ImportKind } from '@koers/contracts';
import { DomainError, ErrorCode, validationFailed } from '@koers/core';
import { CurrentActor, ImportService } from '@koers/identity';
import { RouteAccess } from './route-access';

/** `dryRun` is true or false (absent: false); anything else is a 400 that says so. */
function dryRunOf(value: unknown): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw validationFailed([{ field: 'dryRun', messages: ['Gebruik dryRun=true of dryRun=false.'] }]);
}

/**
 * CSV import in Beheer: organisations, users and werkgroep members, sent as a `text/csv` body (docs/region-setup.md).
 * `?dryRun=true` answers every row with its errors and writes nothing.
 */
@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportService) {}

  @Post('organisations')
  @HttpCode(200)
  @RouteAccess('region.manage', { attempted: 'import.organisations' })
  organisations(@CurrentActor() actor: Actor, @Body() body: unknown, @Query('dryRun') dryRun?: string) {
    return this.run(actor, 'organisations', body, dryRun);
  }

  @Post('users')
  @HttpCode(200)
  @RouteAccess('users.manage', { attempted: 'import.users' })
  users(@CurrentActor() actor: Actor, @Body() body: unknown, @Query('dryRun') dryRun?: string) {
    return this.run(actor, 'users', body, dryRun);
  }

  @Post('members')
  @HttpCode(200)
  @RouteAccess('region.manage', { attempted: 'import.members' })
  members(@CurrentActor() actor: Actor, @Body() body: unknown, @Query('dryRun') dryRun?: string) {
    return this.run(actor, 'members', body, dryRun);
  }

  private run(actor: Actor, kind: ImportKind, body: unknown, dryRun: string | undefined) {
    const dry = dryRunOf(dryRun);
    if (typeof body !== 'string')
      throw new DomainError(
        ErrorCode.UnsupportedMediaType,
        'Stuur het bestand als CSV (Content-Type: text/csv; charset=utf-8).',
      );
    return this.imports.importCsv(actor, kind, body, dry);
  }
}
