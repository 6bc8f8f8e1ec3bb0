import type { AuthCheckerInterface, ResolverData } from 'type-graphql';
import type { Context } from '../graphql/context';
import { DomainError, ErrorCode } from '../graphql/errors';
import { Message, msg } from '../messages';
import { Role } from './roles';

/** A FORBIDDEN error for `target`, with the refusal queued for the audit log of the request. */
export function forbidden(context: Context, target: string, message: Message, allowed: readonly Role[]): DomainError {
  context.denied.push({ viewer: context.viewer, ip: null, target, reason: message, detail: { allowed }, requestId: context.requestId });
  return new DomainError(ErrorCode.FORBIDDEN, message, { field: target });
}

/**
 * `@Authorized(roles)` on a field: a viewer without one of the roles gets FORBIDDEN on that field (never a silent
 * null), and the refusal is audited.
 */
export class RoleAuthChecker implements AuthCheckerInterface<Context, Role> {
  check({ context, info }: ResolverData<Context>, roles: Role[]): boolean {
    if (roles.length === 0 || roles.includes(context.viewer.role)) return true;
    const target = `${info.parentType.name}.${info.fieldName}`;
    throw forbidden(context, target, msg('FIELD_FORBIDDEN', { field: target, roles, role: context.viewer.role }), roles);
  }
}
