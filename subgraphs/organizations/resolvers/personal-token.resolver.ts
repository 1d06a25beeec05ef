/**
 * Personal access tokens for people of the agencies, where no OpenID Connect provider
 * signs them in: a coordinator or admin issues one to a named holder (shown once), lists
 * them with their last use, and takes one back with revokeToken (its id).
 */
import { Arg, Authorized, Ctx, Directive, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireIdentity } from '../../../lib/identity';
import type { SubgraphContext } from '../../../lib/subgraph';
import { listPersonalTokens } from '../data/personal-tokens';
import { issueToken, recordUses } from '../services/tokens';
import type { OrganizationLoaders } from '../loaders';
import { Organization } from '../schema/organization';
import type { OrganizationSettings } from '../settings';
import { IssuedPersonalToken, PersonalToken, TokenUseInput, Viewer } from '../schema/personal-token';

type Context = SubgraphContext<OrganizationLoaders, OrganizationSettings>;

@Resolver(() => PersonalToken)
export class PersonalTokenResolver {
  @Authorized('admin', 'coordinator')
  @Mutation(() => IssuedPersonalToken, {
    description: 'Issues a personal access token to a named person of an organisation; the token is shown only in this answer',
  })
  async issuePersonalToken(
    @Ctx() context: Context,
    @Arg('holder', { description: 'The person it is for, e.g. 张三 (法院研究室)' }) holder: string,
    @Arg('organization', { description: 'Id, name or alias' }) organization: string,
    @Arg('role', { description: 'reporter or analyst (an admin may also give coordinator or admin)' }) role: string,
    @Arg('days', () => Int, { description: 'Days it lives, at most MAX_TOKEN_DAYS' }) days: number,
  ): Promise<IssuedPersonalToken> {
    const { token, row } = await issueToken(
      context.store.dataSource,
      requireIdentity(context),
      { holder, organization, role, days },
      context.settings,
      (reference) => context.loaders.organizationByReference.load(reference),
    );
    return { token, personalToken: row };
  }

  @Authorized('admin', 'coordinator')
  @Query(() => [PersonalToken], { nullable: true, description: 'Every personal access token issued, newest first' })
  personalTokens(@Ctx() context: Context): Promise<PersonalToken[]> {
    return listPersonalTokens(context.store.dataSource);
  }

  @Directive('@inaccessible')
  @Mutation(() => Int, { description: 'Records when gateways last accepted personal tokens (between services only)' })
  async recordTokenUse(@Ctx() context: Context, @Arg('uses', () => [TokenUseInput]) uses: TokenUseInput[]): Promise<number> {
    return recordUses(context.store.dataSource, uses);
  }

  @Query(() => Viewer, { nullable: true, description: 'Who the token of the request stands for; null without a token' })
  viewer(@Ctx() context: Context): Viewer | null {
    const identity = context.identity;
    return identity && { subject: identity.subject, roles: identity.roles, organizationId: identity.org };
  }

  @FieldResolver(() => Organization, { nullable: true })
  organization(@Root() token: PersonalToken, @Ctx() { loaders }: Context): Promise<Organization | null> {
    return loaders.organization.load(token.organizationId) as Promise<Organization | null>;
  }
}

@Resolver(() => Viewer)
export class ViewerResolver {
  @FieldResolver(() => Organization, { nullable: true })
  organization(@Root() viewer: Viewer, @Ctx() { loaders }: Context): Promise<Organization | null> {
    return loaders.organization.load(viewer.organizationId) as Promise<Organization | null>;
  }
}
