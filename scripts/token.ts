/**
 * ipzone token --org <id, name or alias> --role reporter [--role analyst] [--days 30] [--subject name] [--out FILE]
 * Prints a token signed with JWT_SECRET (when unset, the secret the hub made for itself
 * in SECRETS_FILE), valid at most MAX_TOKEN_DAYS, and its id (jti) on stderr: what
 * `revokeToken` takes back. The organisation is looked up through the running hub, so
 * any name the document uses works (市场监管局 → amr). With --out FILE the token is written
 * to FILE instead, created readable by its owner only (0600) and replacing FILE whole.
 */
import { decodeJwt } from 'jose';
import { gatewayRequest } from '../lib/client';
import { graphql } from '../lib/gql';
import { writePrivateFile } from '../lib/private-file';
import type { Role } from '../lib/identity';
import { issueToken } from '../lib/tokens';
import { commandLine, stringOption } from './commands';
import { startupSettings } from '../lib/settings';

const ORGANIZATION = graphql(`
  query TokenOrganization($name: String!) {
    organizationByName(name: $name) {
      id
      name
    }
  }
`).toString();

async function resolveOrganization(clientUrl: string, reference: string): Promise<{ id: string; name: string }> {
  try {
    const data = await gatewayRequest(clientUrl, ORGANIZATION, { name: reference });
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
  const line = commandLine('token');
  const settings = await startupSettings(['tokens']);
  const org = stringOption(line, 'org')!;
  const roles = line.values.role as Role[];
  const maxDays = settings.tokens.maxTokenDays;
  const days = Number(stringOption(line, 'days') ?? Math.min(30, maxDays));
  if (!(days > 0 && days <= maxDays)) throw new Error(`--days must be more than 0 and at most ${maxDays} (MAX_TOKEN_DAYS)`);
  const organization = await resolveOrganization(settings.client.url, org);
  const subject = stringOption(line, 'subject') ?? `${organization.id}-${roles.join('+')}`;
  const token = await issueToken(settings.tokens, { org: organization.id, roles, subject }, Math.round(days * 86400));
  process.stderr.write(
    `token for ${organization.name} (${organization.id}) as ${roles.join(', ')}, valid ${days} days, ` +
      `id (jti) ${decodeJwt(token).jti}: revokeToken(tokenId: "${decodeJwt(token).jti}") takes it back\n`,
  );
  const out = stringOption(line, 'out');
  if (out) {
    await writePrivateFile(out, `${token}\n`);
    process.stderr.write(`written to ${out} (readable by its owner only)\n`);
  } else process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
});
