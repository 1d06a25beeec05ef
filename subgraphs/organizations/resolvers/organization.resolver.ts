import { Arg, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { loadAll } from '../../../lib/collections';
import { badInput } from '../../../lib/errors';
import { tooLong, tooLongMessage } from '../../../lib/text';
import type { SubgraphContext } from '../../../lib/subgraph';
import type { OrganizationLoaders } from '../loaders';
import { Organization, OrganizationFilter, OrganizationReference } from '../schema/organization';

type Context = SubgraphContext<OrganizationLoaders>;

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => [Organization], { nullable: true, description: 'Organisations, optionally by kind or by part of a name or alias' })
  async organizations(
    @Ctx() { loaders }: Context,
    @Arg('filter', () => OrganizationFilter, { nullable: true }) filter?: OrganizationFilter,
  ): Promise<Organization[]> {
    if (filter?.search !== undefined && filter.search !== null && filter.search.trim() === '') {
      throw badInput('search must not be empty', 'filter.search');
    }
    return (await loaders.repository.list(filter ?? {})) as Organization[];
  }

  @Query(() => Organization, { nullable: true, description: 'One organisation by id; null when there is none' })
  organization(@Ctx() { loaders }: Context, @Arg('id', () => ID) id: string): Promise<Organization | null> {
    return loaders.organization.load(id) as Promise<Organization | null>;
  }

  @Query(() => Organization, {
    nullable: true,
    description: 'One organisation by id, canonical name or any name the document uses for it (市场监管局 → 市市场监管局)',
  })
  organizationByName(@Ctx() { loaders }: Context, @Arg('name') name: string): Promise<Organization | null> {
    if (name.trim() === '') throw badInput('name must not be empty', 'name');
    if (tooLong(name, 'name')) throw badInput(tooLongMessage('name'), 'name');
    return loaders.organizationByReference.load(name.trim()) as Promise<Organization | null>;
  }

  @Directive('@inaccessible')
  @Query(() => [OrganizationReference], {
    nullable: true,
    description: 'Resolves many ids, names or aliases at once, in the order given (id null when unknown); between subgraphs only',
  })
  async organizationsByReference(
    @Ctx() { loaders }: Context,
    @Arg('references', () => [String]) references: string[],
  ): Promise<OrganizationReference[]> {
    if (references.length > 1000) throw badInput('at most 1000 references at once', 'references');
    const found = await loadAll(loaders.organizationByReference.loadMany(references.map((r) => r.trim())));
    return references.map((reference, i) => ({ reference, id: found[i]?.id ?? null }));
  }

  @FieldResolver(() => [String], { description: 'Other spellings the document uses for this organisation' })
  aliases(@Root() organization: Organization, @Ctx() { loaders }: Context): Promise<string[]> {
    return loaders.aliases.load(organization.id);
  }

  @FieldResolver(() => Organization, { nullable: true })
  parent(@Root() organization: Organization, @Ctx() { loaders }: Context): Promise<Organization | null> | null {
    return organization.parentId ? (loaders.organization.load(organization.parentId) as Promise<Organization | null>) : null;
  }

  @FieldResolver(() => [Organization])
  children(@Root() organization: Organization, @Ctx() { loaders }: Context): Promise<Organization[]> {
    return loaders.children.load(organization.id) as Promise<Organization[]>;
  }
}
