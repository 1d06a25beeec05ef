/** The organizations subgraph's settings, taken from the hub's when it starts. */
import type { Settings } from '../../lib/settings';

export interface OrganizationSettings {
  /** Longest lifetime of a personal token, in days (MAX_TOKEN_DAYS). */
  maxTokenDays: number;
}

export const organizationSettings = (hub: Settings): OrganizationSettings => ({ maxTokenDays: hub.tokens.maxTokenDays });
