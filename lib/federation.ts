/**
 * Builds an Apollo Federation 2 subgraph schema from type-graphql classes: type-graphql
 * makes the schema, its SDL (with directives) gets the federation @link, and
 * @apollo/subgraph builds the subgraph with type-graphql's resolvers merged with the
 * entities' reference resolvers.
 */
import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, parse } from 'graphql';
import { buildSchema, type BuildSchemaOptions, createResolversMap } from 'type-graphql';
import { authChecker } from './identity';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@inaccessible"])';

export type ReferenceResolvers = GraphQLResolverMap<unknown>;

export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck' | 'authChecker'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ ...options, skipCheck: true, authChecker, validate: false });
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, fields] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...(fields as object) };
  }
  return buildSubgraphSchema({ typeDefs, resolvers });
}
