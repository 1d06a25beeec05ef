/**
 * Revoked tokens, kept in PostgreSQL so that every replica of every service sees the same
 * list. Revoking is idempotent: the first revocation of a jti stands.
 */
import type { DataSource } from 'typeorm';
import type { Identity } from '../../../lib/identity';
import { activePersonalTokens, type PersonalTokenGrantRow } from './personal-tokens';

export interface RevocationRow {
  tokenId: string;
  reason: string | null;
  revokedBy: string;
  revokedByOrganizationId: string;
  revokedAt: string;
}

const COLUMNS = `jti AS "tokenId", reason, revoked_by AS "revokedBy", revoked_by_org AS "revokedByOrganizationId",
  to_char(revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "revokedAt"`;

export async function revokeToken(db: DataSource, actor: Identity, jti: string, reason: string | null): Promise<RevocationRow> {
  const rows: RevocationRow[] = await db.query(
    `WITH inserted AS (
       INSERT INTO token_revocation (jti, reason, revoked_by, revoked_by_org) VALUES ($1, $2, $3, $4)
       ON CONFLICT (jti) DO NOTHING RETURNING *)
     SELECT ${COLUMNS} FROM inserted
     UNION ALL SELECT ${COLUMNS} FROM token_revocation WHERE jti = $1 AND NOT EXISTS (SELECT 1 FROM inserted)`,
    [jti, reason, actor.subject, actor.org],
  );
  return rows[0];
}

/** Every revocation, newest first (the audit). */
export function listRevocations(db: DataSource): Promise<RevocationRow[]> {
  return db.query(`SELECT ${COLUMNS} FROM token_revocation ORDER BY revoked_at DESC, jti`);
}

/** What the gateways need to judge a token: the organisation ids, the jtis revoked since `since`, the personal tokens valid. */
export async function identityDirectory(
  db: DataSource,
  since: Date,
): Promise<{ organizationIds: string[]; revokedTokenIds: string[]; personalTokens: PersonalTokenGrantRow[] }> {
  const [{ organizations, revoked }]: Array<{ organizations: string[]; revoked: string[] }> = await db.query(
    `SELECT ARRAY(SELECT id FROM organization ORDER BY id) AS organizations,
            ARRAY(SELECT jti FROM token_revocation WHERE revoked_at >= $1 ORDER BY jti) AS revoked`,
    [since],
  );
  return { organizationIds: organizations, revokedTokenIds: revoked, personalTokens: await activePersonalTokens(db) };
}
