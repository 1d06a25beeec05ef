/**
 * Issuing and taking back callers' tokens: a personal token for a named holder (who may
 * give which role, for how long), a revocation, the last uses the gateways report. The
 * checks are here; the rows are kept by data/personal-tokens.ts and data/revocations.ts.
 */
import type { DataSource } from 'typeorm';
import { badInput, forbidden, notFound } from '../../../lib/errors';
import { hasRole, type Identity, isRole, type Role, ROLES } from '../../../lib/identity';
import { TEXT_LIMITS, tooLong, tooLongMessage } from '../../../lib/text';
import { issuePersonalToken, type PersonalTokenRow, recordTokenUse } from '../data/personal-tokens';
import { type RevocationRow, revokeToken } from '../data/revocations';
import type { OrganizationSettings } from '../settings';

/** Roles a coordinator may hand out; an admin hands out any. */
const COORDINATOR_GRANTS: Role[] = ['reporter', 'analyst'];
/** Most token uses one report of a gateway may carry. */
const MAX_USES = 10_000;

export interface PersonalTokenRequest {
  holder: string;
  /** Id, name or alias of the holder's organisation. */
  organization: string;
  role: string;
  days: number;
}

/** Issues a personal token as `actor` asks; the token itself is in this answer only. */
export async function issueToken(
  db: DataSource,
  actor: Identity,
  request: PersonalTokenRequest,
  settings: OrganizationSettings,
  findOrganization: (reference: string) => Promise<{ id: string } | null>,
): Promise<{ token: string; row: PersonalTokenRow }> {
  const holder = request.holder.trim();
  if (holder === '' || tooLong(holder, 'holder')) throw badInput(`holder must be 1 to 200 characters`, 'holder');
  const { role, days } = request;
  if (!isRole(role)) throw badInput(`role must be one of ${ROLES.join(', ')}`, 'role');
  if (!hasRole(actor, 'admin') && !COORDINATOR_GRANTS.includes(role))
    throw forbidden(`a coordinator issues only ${COORDINATOR_GRANTS.join(' or ')} tokens`);
  if (!Number.isInteger(days) || days < 1 || days > settings.maxTokenDays)
    throw badInput(`days must be 1 to MAX_TOKEN_DAYS (${settings.maxTokenDays})`, 'days');
  const reference = request.organization.trim();
  if (tooLong(reference, 'name')) throw badInput(tooLongMessage('organization', 'name'), 'organization');
  const organization = await findOrganization(reference);
  if (!organization) throw notFound('organization', reference.slice(0, 80));
  return issuePersonalToken(db, actor, { holder, organizationId: organization.id, role, days });
}

/** Revokes a token by its id (jti) as `actor`; revoking twice keeps the first. */
export function revoke(db: DataSource, actor: Identity, tokenId: string, reason?: string | null): Promise<RevocationRow> {
  const jti = tokenId.trim();
  if (jti === '' || tooLong(jti, 'tokenId')) throw badInput(`tokenId must be 1 to ${TEXT_LIMITS.tokenId} characters`, 'tokenId');
  if (reason && tooLong(reason, 'reason')) throw badInput(tooLongMessage('reason'), 'reason');
  return revokeToken(db, actor, jti, reason?.trim() || null);
}

/** Records when the gateways last accepted personal tokens; answers how many tokens it changed. */
export function recordUses(db: DataSource, uses: Array<{ tokenId: string; at: string }>): Promise<number> {
  if (uses.length > MAX_USES) throw badInput(`at most ${MAX_USES} uses at once`, 'uses');
  if (uses.some((u) => Number.isNaN(Date.parse(u.at)))) throw badInput('at must be an ISO 8601 time', 'uses');
  return recordTokenUse(db, uses);
}
