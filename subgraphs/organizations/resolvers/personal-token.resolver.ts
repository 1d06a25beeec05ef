/**
 * Personal access tokens for people of the agencies, where no OpenID Connect provider
 * signs them in: a coordinator or admin issues one to a named holder (shown once), lists
 * them with their last use, and takes one back with revokeToken (its id).
 */
import { Arg, Authorized, Ctx, Directive, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badInput, forbidden, notFound } from '../../../lib/errors';
import { hasRole, requireIdentity, type Role, ROLES } from '../../../lib/identity';
import { tooLong, tooLongMessage } from '../../../lib/text';
import type { SubgraphContext } from '../../../lib/subgraph';
import { issuePersonalToken, listPersonalTokens, recordTokenUse } from '../data/personal-tokens';
import type { OrganizationLoaders } from '../loaders';
import { Organization } from '../schema/organization';
import type { OrganizationSettings } from '../settings';
import { IssuedPersonalToken, PersonalToken, TokenUseInput, Viewer } from '../schema/personal-token';

type Context = SubgraphContext<OrganizationLoaders, OrganizationSettings>;

/** Roles a coordinator may hand out; an admin hands out any. */
const COORDINATOR_GRANTS: Role[] = ['reporter', 'analyst'];

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
    const actor = requireIdentity(context);
    const name = holder.trim();
    if (name === '' || tooLong(name, 'holder')) throw badInput(`holder must be 1 to 200 characters`, 'holder');
    if (!ROLES.includes(role as Role)) throw badInput(`role must be one of ${ROLES.join(', ')}`, 'role');
    if (!hasRole(actor, 'admin') && !COORDINATOR_GRANTS.includes(role as Role))
      throw forbidden(`a coordinator issues only ${COORDINATOR_GRANTS.join(' or ')} tokens`);
    if (!Number.isInteger(days) || days < 1 || days > context.settings.maxTokenDays)
      throw badInput(`days must be 1 to MAX_TOKEN_DAYS (${context.settings.maxTokenDays})`, 'days');
    const ref = organization.trim();
    if (tooLong(ref, 'name')) throw badInput(tooLongMessage('organization', 'name'), 'organization');
    const found = await context.loaders.organizationByReference.load(ref);
    if (!found) throw notFound('organization', ref.slice(0, 80));
    const { token, row } = await issuePersonalToken(context.store.dataSource, actor, {
      holder: name,
      organizationId: found.id,
      role,
      days,
    });
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
    if (uses.length > 10_000) throw badInput('at most 10000 uses at once', 'uses');
    if (uses.some((u) => Number.isNaN(Date.parse(u.at)))) throw badInput('at must be an ISO 8601 time', 'uses');
    return recordTokenUse(context.store.dataSource, uses);
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
