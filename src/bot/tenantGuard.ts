import type { Middleware, TurnContext } from 'botbuilder';
import type { Logger } from '../core/logging/logger';

/** The tenant an activity comes from, as Teams sets it. */
export function tenantOf(context: TurnContext): string | undefined {
  const activity = context.activity;
  return activity.conversation?.tenantId ?? activity.channelData?.tenant?.id;
}

/**
 * Drops activities from tenants outside the allow-list before any handler runs. With an empty list every
 * tenant is allowed (a single-tenant bot registration already limits who can reach the bot).
 */
export class TenantGuard implements Middleware {
  private readonly allowed: Set<string>;

  constructor(
    allowedTenantIds: string[],
    private readonly logger: Logger,
  ) {
    this.allowed = new Set(allowedTenantIds.map((id) => id.toLowerCase()));
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (this.allowed.size === 0) return next();
    const tenant = tenantOf(context)?.toLowerCase();
    if (tenant && this.allowed.has(tenant)) return next();
    this.logger.warn(
      { tenant: tenant ?? null, type: context.activity.type },
      'tenant guard: activity dropped',
    );
  }
}
