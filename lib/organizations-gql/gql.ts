/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query IdentityDirectory($since: String!) {\n    identityDirectory(revokedSince: $since) {\n      organizationIds\n      revokedTokenIds\n      personalTokens {\n        id\n        hash\n        holder\n        organizationId\n        role\n        expiresAt\n      }\n    }\n  }\n": typeof types.IdentityDirectoryDocument,
    "\n  query OrganizationNamed($name: String!) {\n    organizationByName(name: $name) {\n      id\n    }\n  }\n": typeof types.OrganizationNamedDocument,
    "\n  mutation RecordTokenUse($uses: [TokenUseInput!]!) {\n    recordTokenUse(uses: $uses)\n  }\n": typeof types.RecordTokenUseDocument,
    "\n  query SearchOrganizations($text: String!) {\n    organizations(filter: { search: $text }) {\n      id\n    }\n  }\n": typeof types.SearchOrganizationsDocument,
    "\n  query ResolveOrganizations($refs: [String!]!) {\n    organizationsByReference(references: $refs) {\n      reference\n      id\n    }\n  }\n": typeof types.ResolveOrganizationsDocument,
};
const documents: Documents = {
    "\n  query IdentityDirectory($since: String!) {\n    identityDirectory(revokedSince: $since) {\n      organizationIds\n      revokedTokenIds\n      personalTokens {\n        id\n        hash\n        holder\n        organizationId\n        role\n        expiresAt\n      }\n    }\n  }\n": types.IdentityDirectoryDocument,
    "\n  query OrganizationNamed($name: String!) {\n    organizationByName(name: $name) {\n      id\n    }\n  }\n": types.OrganizationNamedDocument,
    "\n  mutation RecordTokenUse($uses: [TokenUseInput!]!) {\n    recordTokenUse(uses: $uses)\n  }\n": types.RecordTokenUseDocument,
    "\n  query SearchOrganizations($text: String!) {\n    organizations(filter: { search: $text }) {\n      id\n    }\n  }\n": types.SearchOrganizationsDocument,
    "\n  query ResolveOrganizations($refs: [String!]!) {\n    organizationsByReference(references: $refs) {\n      reference\n      id\n    }\n  }\n": types.ResolveOrganizationsDocument,
};

/**
 * The organizationsGraphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function organizationsGraphql(source: "\n  query IdentityDirectory($since: String!) {\n    identityDirectory(revokedSince: $since) {\n      organizationIds\n      revokedTokenIds\n      personalTokens {\n        id\n        hash\n        holder\n        organizationId\n        role\n        expiresAt\n      }\n    }\n  }\n"): typeof import('./graphql').IdentityDirectoryDocument;
/**
 * The organizationsGraphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function organizationsGraphql(source: "\n  query OrganizationNamed($name: String!) {\n    organizationByName(name: $name) {\n      id\n    }\n  }\n"): typeof import('./graphql').OrganizationNamedDocument;
/**
 * The organizationsGraphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function organizationsGraphql(source: "\n  mutation RecordTokenUse($uses: [TokenUseInput!]!) {\n    recordTokenUse(uses: $uses)\n  }\n"): typeof import('./graphql').RecordTokenUseDocument;
/**
 * The organizationsGraphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function organizationsGraphql(source: "\n  query SearchOrganizations($text: String!) {\n    organizations(filter: { search: $text }) {\n      id\n    }\n  }\n"): typeof import('./graphql').SearchOrganizationsDocument;
/**
 * The organizationsGraphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function organizationsGraphql(source: "\n  query ResolveOrganizations($refs: [String!]!) {\n    organizationsByReference(references: $refs) {\n      reference\n      id\n    }\n  }\n"): typeof import('./graphql').ResolveOrganizationsDocument;


export function organizationsGraphql(source: string) {
  return (documents as any)[source] ?? {};
}
