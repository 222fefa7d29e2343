import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '@koers/access';
import { AuditService } from '@koers/audit';
import { AuthService } from './auth.service';
import { ACCESS_COOKIE } from './auth-cookies';

const IS_PUBLIC = 'koers:public';
/** The OpenAPI extension that tells the document which routes need no login (the rest get the security schemes). */
export const PUBLIC_ROUTE_EXTENSION = 'x-koers-public';
/** Marks a route that needs no login (health, login itself). Every other route requires a valid token. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_ROUTE_EXTENSION, true));

const OPEN_WHILE_ENROLLING = 'koers:open-while-enrolling';
/**
 * Marks a route that stays open to someone who must still set up a second factor (the policy requires one
 * and they have none): the enrolment itself, logout and their own basics. Every other route answers
 * 403 MFA_ENROLMENT_REQUIRED for them.
 */
export const OpenWhileEnrolling = () => SetMetadata(OPEN_WHILE_ENROLLING, true);

/** Global guard: a valid access token (Authorization: Bearer, or the httpOnly cookie) on every non-public route. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<Request & { actor?: unknown }>();
    const token = bearerToken(request) ?? (request.cookies?.[ACCESS_COOKIE] as string | undefined);
    let mustEnrol: boolean;
    try {
      const session = await this.auth.authenticateSession(token, request.ip ?? null);
      request.actor = session.actor;
      mustEnrol = session.mustEnrol;
    } catch (err) {
      // A missing token is ordinary (a logged-out browser); a token that fails verification is worth a record.
      if (token)
        await this.audit.recordDenied(
          { userId: null, email: null, ip: request.ip ?? null },
          { action: 'auth.token', entityType: 'session', summary: { path: request.path } },
        );
      throw err;
    }
    if (
      mustEnrol &&
      !this.reflector.getAllAndOverride<boolean>(OPEN_WHILE_ENROLLING, [context.getHandler(), context.getClass()])
    ) {
      throw await this.auth.refuseUnenrolled(request.actor as Actor, { method: request.method, path: request.path });
    }
    return true;
  }
}

export function bearerToken(request: Request): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const [scheme, value] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && value ? value : undefined;
}
