import {
  applyDecorators,
  CallHandler,
  createParamDecorator,
  SetMetadata,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiConflictResponse, ApiHeader } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, Observable, tap, throwError } from 'rxjs';
import type { Actor } from '@koers/access';
import { AuditService } from '@koers/audit';
import { StaleVersionError, validationFailed } from '@koers/core';

type VersionedRequest = Request & { expectedVersion?: number; actor?: Actor };

const STALE_ACTION = 'koers:stale-action';

const CHANGING_METHODS = new Set(['PATCH', 'PUT', 'DELETE', 'POST']);

/**
 * Optimistic concurrency over HTTP, for every route of a versioned resource: the representation's
 * `version` goes out as `ETag: "<version>"`; on a change the client's version comes in as `If-Match`
 * (or as `version` in the body, taken out before the body is validated) and reaches the handler through
 * `@ExpectedVersion()`. The service compares it (assertVersion/lockVersion in @koers/core). A change refused
 * as stale is audited here, once for every versioned route, as a denied "<thing>.update" (or ".delete").
 */
@Injectable()
export class RowVersionInterceptor implements NestInterceptor {
  constructor(
    private readonly audit: AuditService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<VersionedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    if (CHANGING_METHODS.has(request.method)) request.expectedVersion = expectedVersionOf(request);
    return next.handle().pipe(
      tap((body: unknown) => {
        if (response.headersSent || !hasVersion(body)) return;
        response.setHeader('ETag', `"${body.version}"`);
        // The ETag names the version of the resource's own fields; lists inside it (comments, history) can
        // change without it, so no cache may answer a later GET from a stored copy.
        response.setHeader('Cache-Control', 'no-store');
      }),
      catchError((error: unknown) =>
        error instanceof StaleVersionError
          ? from(
              this.auditStale(
                request,
                error,
                this.reflector.get<string | undefined>(STALE_ACTION, context.getHandler()),
              ),
            ).pipe(mergeMap(() => throwError(() => error)))
          : throwError(() => error),
      ),
    );
  }

  /** Never throws: AuditService.recordDenied logs its own failure, and the answer stays the 409. */
  private auditStale(request: VersionedRequest, error: StaleVersionError, action?: string): Promise<void> {
    const actor = request.actor;
    const current = error.current as { version?: unknown } | undefined;
    return this.audit.recordDenied(
      { userId: actor?.userId ?? null, email: actor?.email ?? null, ip: actor?.ip ?? request.ip ?? null },
      {
        action: action ?? staleAction(request),
        entityType: thingOf(request),
        entityId: typeof request.params?.id === 'string' ? request.params.id : null,
        summary: {
          reason: 'stale_version',
          expected: request.expectedVersion ?? null,
          ...(typeof current?.version === 'number' ? { current: current.version } : {}),
        },
      },
    );
  }
}

/** The route's first path segment as the audit names things: "/api/agenda-items/:id" is "agenda_item". */
function thingOf(request: Request): string {
  const path = (request.route as { path?: string } | undefined)?.path ?? request.path;
  const first = path.replace(/^\/?(api\/)?/, '').split('/')[0] ?? '';
  return first.replace(/-/g, '_').replace(/ies$/, 'y').replace(/s$/, '');
}

/** "district.update", "district.delete", or the route's own verb for a POST ("progress_report.submit"). */
function staleAction(request: Request): string {
  if (request.method === 'DELETE') return `${thingOf(request)}.delete`;
  if (request.method !== 'POST') return `${thingOf(request)}.update`;
  const path = (request.route as { path?: string } | undefined)?.path ?? request.path;
  const verb = path
    .split('/')
    .filter((part) => part && !part.startsWith(':'))
    .pop();
  return `${thingOf(request)}.${(verb ?? 'update').replace(/-/g, '_')}`;
}

/**
 * Marks a route of a versioned resource: ETag out, If-Match / `version` in, documented in OpenAPI. `action`
 * names a stale refusal in the audit where the route's path does not ("region.composition.update").
 */
export const Versioned = (action?: string) =>
  applyDecorators(
    SetMetadata(STALE_ACTION, action),
    UseInterceptors(RowVersionInterceptor),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The version this change is based on, as the ETag gave it ("3"); a stale one gives 409.',
    }),
    ApiConflictResponse({ description: 'STALE_VERSION: changed by someone else since; `current` holds it now.' }),
  );

/** The version the client based its change on (If-Match or body `version`); undefined when not sent. */
export const ExpectedVersion = createParamDecorator(
  (_: unknown, context: ExecutionContext): number | undefined =>
    context.switchToHttp().getRequest<VersionedRequest>().expectedVersion,
);

const ETAG = /^(?:W\/)?"?(\d{1,9})"?$/;

function expectedVersionOf(request: VersionedRequest): number | undefined {
  const header = request.headers['if-match']?.trim();
  let fromHeader: number | undefined;
  if (header && header !== '*') {
    const match = ETAG.exec(header);
    if (!match || Number(match[1]) < 1)
      throw validationFailed([{ field: 'If-Match', messages: ['Geef de versie als "3" (de ETag van het item).'] }]);
    fromHeader = Number(match[1]);
  }
  const body: unknown = request.body;
  let fromBody: number | undefined;
  if (body && typeof body === 'object' && !Array.isArray(body) && 'version' in body) {
    const { version, ...rest } = body as Record<string, unknown>;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version > 999_999_999)
      throw validationFailed([
        { field: 'version', messages: ['Moet een versienummer zijn (een positief geheel getal).'] },
      ]);
    fromBody = version;
    request.body = rest;
  }
  if (fromHeader !== undefined && fromBody !== undefined && fromHeader !== fromBody)
    throw validationFailed([{ field: 'version', messages: ['If-Match en version noemen een andere versie.'] }]);
  return fromHeader ?? fromBody;
}

function hasVersion(body: unknown): body is { version: number } {
  return typeof body === 'object' && body !== null && typeof (body as { version?: unknown }).version === 'number';
}
