/**
 * Revoked tokens, kept in PostgreSQL so that every replica of every service sees the same
 * list. Revoking is idempotent: the first revocation of a jti stands.
 */
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Identity } from '../../../lib/identity';
import { column, readOne, readRows } from '../../../lib/rows';
import { activePersonalTokens, type PersonalTokenGrantRow } from './personal-tokens';

/** COLUMNS as read; revokedAt is ISO 8601 text written by PostgreSQL. */
const RevocationColumns = z.object({
  tokenId: column.text,
  reason: column.optionalText,
  revokedBy: column.text,
  revokedByOrganizationId: column.text,
  revokedAt: column.text,
});
export type RevocationRow = z.output<typeof RevocationColumns>;

const DirectoryColumns = z.object({ organizations: column.texts, revoked: column.texts });

const COLUMNS = `jti AS "tokenId", reason, revoked_by AS "revokedBy", revoked_by_org AS "revokedByOrganizationId",
  to_char(revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "revokedAt"`;

export async function revokeToken(db: DataSource, actor: Identity, jti: string, reason: string | null): Promise<RevocationRow> {
  const rows: unknown = await db.query(
    `WITH inserted AS (
       INSERT INTO token_revocation (jti, reason, revoked_by, revoked_by_org) VALUES ($1, $2, $3, $4)
       ON CONFLICT (jti) DO NOTHING RETURNING *)
     SELECT ${COLUMNS} FROM inserted
     UNION ALL SELECT ${COLUMNS} FROM token_revocation WHERE jti = $1 AND NOT EXISTS (SELECT 1 FROM inserted)`,
    [jti, reason, actor.subject, actor.org],
  );
  return readOne('token revoked', RevocationColumns, rows);
}

/** Every revocation, newest first (the audit). */
export async function listRevocations(db: DataSource): Promise<RevocationRow[]> {
  const rows: unknown = await db.query(`SELECT ${COLUMNS} FROM token_revocation ORDER BY revoked_at DESC, jti`);
  return readRows('token revocations', RevocationColumns, rows);
}

/** What the gateways need to judge a token: the organisation ids, the jtis revoked since `since`, the personal tokens valid. */
export async function identityDirectory(
  db: DataSource,
  since: Date,
): Promise<{ organizationIds: string[]; revokedTokenIds: string[]; personalTokens: PersonalTokenGrantRow[] }> {
  const rows: unknown = await db.query(
    `SELECT ARRAY(SELECT id FROM organization ORDER BY id) AS organizations,
            ARRAY(SELECT jti FROM token_revocation WHERE revoked_at >= $1 ORDER BY jti) AS revoked`,
    [since],
  );
  const { organizations, revoked } = readOne('identity directory', DirectoryColumns, rows);
  return { organizationIds: organizations, revokedTokenIds: revoked, personalTokens: await activePersonalTokens(db) };
}
