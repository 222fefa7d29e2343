import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
  Type,
  UseGuards,
} from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import {
  Actor,
  AuthorizationService,
  RegionPermission,
  SCOPE_NAMES,
  WorkgroupPermission,
  WorkgroupScoped,
  WorkgroupScopeReader,
} from '@koers/access';
import { isUuid, notFound } from '@koers/core';

/** A route whose area decides access with a policy of its own (the kennisbank): the policy's check runs. */
interface PolicyRule<P = unknown> {
  policy: Type<P>;
  /** `params` for routes with a second id (an inventory's organisation). */
  assert: (policy: P, actor: Actor, id: string, params: Record<string, string>) => Promise<unknown>;
}

interface RouteAccessRule {
  permission: WorkgroupPermission | RegionPermission;
  /** What the route's `:id` addresses; absent for region-wide routes. */
  in?: WorkgroupScoped;
  /** The audited action name of a refusal, as the service names it ("action.create"). */
  attempted: string;
}

const ROUTE_ACCESS = 'koers:route-access';

/**
 * Decides permission from the route alone, BEFORE the body or query is validated, so a caller who may not do
 * this gets the same 403/404 whatever they send and learns nothing from validation messages. An unknown
 * parent id is a 404 here too (never an empty list). The rule is the route's least permission; rules that
 * depend on the item or the body (a guest may edit only the actions they own) stay in the service, which
 * checks again.
 */
export const RouteAccess = (permission: RouteAccessRule['permission'], rule: Omit<RouteAccessRule, 'permission'>) =>
  applyDecorators(SetMetadata(ROUTE_ACCESS, { permission, ...rule }), UseGuards(RouteAccessGuard));

export const RouteAccessBy = <P>(policy: Type<P>, assert: PolicyRule<P>['assert']) =>
  applyDecorators(SetMetadata(ROUTE_ACCESS, { policy, assert }), UseGuards(RouteAccessGuard));

@Injectable()
export class RouteAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authorization: AuthorizationService,
    private readonly scopes: WorkgroupScopeReader,
    private readonly moduleRef: ModuleRef,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.get<RouteAccessRule | PolicyRule | undefined>(ROUTE_ACCESS, context.getHandler());
    if (!rule) return true;
    const request = context.switchToHttp().getRequest<{ actor: Actor; params: Record<string, string> }>();
    const { actor } = request;
    // As UuidParamPipe would: an id that is not a UUID cannot exist, for every caller alike.
    if ('id' in request.params && !isUuid(request.params.id)) throw notFound();
    if ('policy' in rule) {
      await rule.assert(
        this.moduleRef.get(rule.policy, { strict: false }),
        actor,
        request.params.id ?? '',
        request.params,
      );
      return true;
    }
    if (!rule.in) {
      await this.authorization.assertInRegion(actor, rule.permission as RegionPermission, rule.attempted);
      return true;
    }
    const asked = SCOPE_NAMES[rule.in];
    const workgroupId = await this.scopes.workgroupOf(rule.in, request.params.id ?? '');
    if (!workgroupId) throw notFound(asked);
    if (rule.in !== 'workgroup')
      await this.authorization.assertInWorkgroup(actor, 'workgroup.content.read', workgroupId, rule.attempted, asked);
    await this.authorization.assertInWorkgroup(
      actor,
      rule.permission as WorkgroupPermission,
      workgroupId,
      rule.attempted,
      asked,
    );
    return true;
  }
}
