/**
 * npm run token -- --org <id, name or alias> --role reporter [--role analyst] [--days 30] [--subject name]
 * Prints a token signed with JWT_SECRET (when unset, the secret the hub made for itself
 * in SECRETS_FILE), valid at most MAX_TOKEN_DAYS, and its id (jti) on stderr: what
 * `revokeToken` takes back. The organisation is looked up through the running hub, so
 * any name the document uses works (市场监管局 → amr).
 */
import { decodeJwt } from 'jose';
import { config } from '../lib/config';
import { gatewayRequest, parseArgs } from '../lib/client';
import { ROLES, type Role } from '../lib/identity';
import { issueToken } from '../lib/tokens';
import { checkConfiguration } from '../lib/config-check';

const USAGE =
  'usage: npm run token -- --org <id, name or alias> --role <reporter|analyst|coordinator|admin> [--role …] [--days 30] [--subject name]';

async function resolveOrganization(reference: string): Promise<{ id: string; name: string }> {
  try {
    const data = await gatewayRequest<{ organizationByName: { id: string; name: string } | null }>(
      config.clientUrl(),
      'query TokenOrganization($name: String!) { organizationByName(name: $name) { id name } }',
      { name: reference },
    );
    if (!data.organizationByName) throw new Error(`no organisation is called "${reference}"`);
    return data.organizationByName;
  } catch (error) {
    if (/cannot reach/.test((error as Error).message) && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(reference)) {
      process.stderr.write(
        `warning: ${(error as Error).message}\n         using "${reference}" as an organisation id unchecked\n`,
      );
      return { id: reference, name: reference };
    }
    throw error;
  }
}

async function main(): Promise<void> {
  await checkConfiguration({ runs: ['tokens'] });
  const { options } = parseArgs(process.argv.slice(2));
  const org = options.get('org')?.[0];
  const roles = options.get('role') ?? [];
  const maxDays = config.maxTokenDays();
  const days = Number(options.get('days')?.[0] ?? Math.min(30, maxDays));
  if (!org || roles.length === 0) throw new Error(USAGE);
  const unknown = roles.find((r) => !ROLES.includes(r as Role));
  if (unknown) throw new Error(`unknown role "${unknown}"; roles: ${ROLES.join(', ')}`);
  if (!(days > 0 && days <= maxDays)) throw new Error(`--days must be more than 0 and at most ${maxDays} (MAX_TOKEN_DAYS)`);
  const organization = await resolveOrganization(org);
  const subject = options.get('subject')?.[0] ?? `${organization.id}-${roles.join('+')}`;
  const token = await issueToken({ org: organization.id, roles: roles as Role[], subject }, Math.round(days * 86400));
  process.stderr.write(
    `token for ${organization.name} (${organization.id}) as ${roles.join(', ')}, valid ${days} days, ` +
      `id (jti) ${decodeJwt(token).jti} — revokeToken(tokenId: …) takes it back:\n`,
  );
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
});
