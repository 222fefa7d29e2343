import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from '@koers/access';

/** The caller the AuthGuard authenticated. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest<{ actor: Actor }>().actor;
});
