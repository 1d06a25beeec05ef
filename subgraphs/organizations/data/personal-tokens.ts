/** Personal access tokens as stored: the hash, holder, organisation, role, expiry, last use and revocation. */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Identity } from '../../../lib/identity';
import { newPersonalToken } from '../../../lib/personal-tokens';
import { column, readOne, readRows } from '../../../lib/rows';

/** COLUMNS as read; the instants are ISO 8601 text written by PostgreSQL. */
const PersonalTokenColumns = z.object({
  id: column.text,
  holder: column.text,
  organizationId: column.text,
  role: column.text,
  issuedBy: column.text,
  issuedAt: column.text,
  expiresAt: column.text,
  lastUsedAt: column.optionalText,
  revokedAt: column.optionalText,
});
export type PersonalTokenRow = z.output<typeof PersonalTokenColumns>;

/** What a gateway needs to accept a personal token. */
const PersonalTokenGrantColumns = z.object({
  id: column.text,
  hash: column.text,
  holder: column.text,
  organizationId: column.text,
  role: column.text,
  expiresAt: column.text,
});
export type PersonalTokenGrantRow = z.output<typeof PersonalTokenGrantColumns>;

const Count = z.object({ count: column.number });

const iso = (name: string) => `to_char(${name} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const COLUMNS = `t.id::text AS id, t.holder, t.organization_id AS "organizationId", t.role, t.issued_by AS "issuedBy",
  ${iso('t.issued_at')} AS "issuedAt", ${iso('t.expires_at')} AS "expiresAt", ${iso('t.last_used_at')} AS "lastUsedAt",
  ${iso('r.revoked_at')} AS "revokedAt"`;

export async function issuePersonalToken(
  db: DataSource,
  actor: Identity,
  grant: { holder: string; organizationId: string; role: string; days: number },
): Promise<{ token: string; row: PersonalTokenRow }> {
  const { token, hash } = newPersonalToken();
  const id = randomUUID();
  await db.query(
    `INSERT INTO personal_token (id, token_hash, holder, organization_id, role, issued_by, issued_by_org, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(days => $8))`,
    [id, hash, grant.holder, grant.organizationId, grant.role, actor.subject, actor.org, grant.days],
  );
  return { token, row: readOne('issued personal token', PersonalTokenColumns, await tokenRows(db, id)) };
}

/** Every personal token (or one), newest first. */
export async function listPersonalTokens(db: DataSource, id?: string): Promise<PersonalTokenRow[]> {
  return readRows('personal tokens', PersonalTokenColumns, await tokenRows(db, id));
}

function tokenRows(db: DataSource, id?: string): Promise<unknown> {
  return db.query(
    `SELECT ${COLUMNS} FROM personal_token t LEFT JOIN token_revocation r ON r.jti = t.id::text
      ${id ? 'WHERE t.id = $1' : ''} ORDER BY t.issued_at DESC, t.id`,
    id ? [id] : [],
  );
}

/** The tokens a gateway may accept: not expired, not revoked. */
export async function activePersonalTokens(db: DataSource): Promise<PersonalTokenGrantRow[]> {
  const rows: unknown = await db.query(
    `SELECT t.id::text AS id, t.token_hash AS hash, t.holder, t.organization_id AS "organizationId", t.role,
            ${iso('t.expires_at')} AS "expiresAt"
       FROM personal_token t
      WHERE t.expires_at > now() AND NOT EXISTS (SELECT 1 FROM token_revocation r WHERE r.jti = t.id::text)
      ORDER BY t.id`,
  );
  return readRows('active personal tokens', PersonalTokenGrantColumns, rows);
}

/** Records when tokens were last used (as the gateways saw them); a later use is never overwritten by an earlier one. */
export async function recordTokenUse(db: DataSource, uses: Array<{ tokenId: string; at: string }>): Promise<number> {
  const rows: unknown = await db.query(
    `WITH used AS (
       UPDATE personal_token t SET last_used_at = u.at
         FROM (SELECT id, max(at) AS at FROM unnest($1::text[], $2::timestamptz[]) AS x(id, at) GROUP BY id) u
        WHERE t.id::text = u.id AND (t.last_used_at IS NULL OR t.last_used_at < u.at)
       RETURNING 1)
     SELECT count(*)::int AS count FROM used`,
    [uses.map((u) => u.tokenId), uses.map((u) => u.at)],
  );
  return readOne('token uses recorded', Count, rows).count;
}
