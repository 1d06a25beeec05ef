import { Arg, Authorized, Ctx, Directive, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badInput } from '../../../lib/errors';
import { requireIdentity } from '../../../lib/identity';
import type { SubgraphContext } from '../../../lib/subgraph';
import { identityDirectory, listRevocations } from '../data/revocations';
import { revoke } from '../services/tokens';
import type { OrganizationLoaders } from '../loaders';
import { Organization } from '../schema/organization';
import { IdentityDirectory, TokenRevocation } from '../schema/revocation';

type Context = SubgraphContext<OrganizationLoaders>;

@Resolver(() => TokenRevocation)
export class RevocationResolver {
  @Authorized('admin', 'coordinator')
  @Mutation(() => TokenRevocation, {
    description:
      "Revokes a caller's token by its id (jti): every gateway refuses it within seconds. Revoking twice keeps the first",
  })
  async revokeToken(
    @Ctx() context: Context,
    @Arg('tokenId', { description: 'The token\'s "jti" claim' }) tokenId: string,
    @Arg('reason', () => String, { nullable: true }) reason?: string | null,
  ): Promise<TokenRevocation> {
    return revoke(context.store.dataSource, requireIdentity(context), tokenId, reason);
  }

  @Authorized('admin', 'coordinator')
  @Query(() => [TokenRevocation], { nullable: true, description: 'Every revoked token, newest first' })
  tokenRevocations(@Ctx() context: Context): Promise<TokenRevocation[]> {
    return listRevocations(context.store.dataSource);
  }

  @Directive('@inaccessible')
  @Query(() => IdentityDirectory, { nullable: true, description: 'Known organisations and revoked tokens, for the gateways' })
  identityDirectory(
    @Ctx() context: Context,
    @Arg('revokedSince', { description: 'ISO 8601: revocations older than this are left out' }) revokedSince: string,
  ): Promise<IdentityDirectory> {
    const since = new Date(revokedSince);
    if (Number.isNaN(since.getTime())) throw badInput('revokedSince must be an ISO 8601 time', 'revokedSince');
    return identityDirectory(context.store.dataSource, since);
  }

  @FieldResolver(() => Organization, { nullable: true })
  revokedByOrganization(@Root() revocation: TokenRevocation, @Ctx() { loaders }: Context): Promise<Organization | null> {
    return loaders.organization.load(revocation.revokedByOrganizationId) as Promise<Organization | null>;
  }
}
