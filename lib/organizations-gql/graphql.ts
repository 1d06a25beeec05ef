/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type TokenUseInput = {
  tokenId: string | number;
  at: string;
};

export type IdentityDirectoryQueryVariables = Exact<{
  since: string;
}>;


export type IdentityDirectoryQuery = { identityDirectory: { organizationIds: Array<string>, revokedTokenIds: Array<string>, personalTokens: Array<{ id: string, hash: string, holder: string, organizationId: string, role: string, expiresAt: string }> } | null };

export type OrganizationNamedQueryVariables = Exact<{
  name: string;
}>;


export type OrganizationNamedQuery = { organizationByName: { id: string } | null };

export type RecordTokenUseMutationVariables = Exact<{
  uses: Array<TokenUseInput> | TokenUseInput;
}>;


export type RecordTokenUseMutation = { recordTokenUse: number };

export type SearchOrganizationsQueryVariables = Exact<{
  text: string;
}>;


export type SearchOrganizationsQuery = { organizations: Array<{ id: string }> | null };

export type ResolveOrganizationsQueryVariables = Exact<{
  refs: Array<string> | string;
}>;


export type ResolveOrganizationsQuery = { organizationsByReference: Array<{ reference: string, id: string | null }> | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const IdentityDirectoryDocument = new TypedDocumentString(`
    query IdentityDirectory($since: String!) {
  identityDirectory(revokedSince: $since) {
    organizationIds
    revokedTokenIds
    personalTokens {
      id
      hash
      holder
      organizationId
      role
      expiresAt
    }
  }
}
    `) as unknown as TypedDocumentString<IdentityDirectoryQuery, IdentityDirectoryQueryVariables>;
export const OrganizationNamedDocument = new TypedDocumentString(`
    query OrganizationNamed($name: String!) {
  organizationByName(name: $name) {
    id
  }
}
    `) as unknown as TypedDocumentString<OrganizationNamedQuery, OrganizationNamedQueryVariables>;
export const RecordTokenUseDocument = new TypedDocumentString(`
    mutation RecordTokenUse($uses: [TokenUseInput!]!) {
  recordTokenUse(uses: $uses)
}
    `) as unknown as TypedDocumentString<RecordTokenUseMutation, RecordTokenUseMutationVariables>;
export const SearchOrganizationsDocument = new TypedDocumentString(`
    query SearchOrganizations($text: String!) {
  organizations(filter: {search: $text}) {
    id
  }
}
    `) as unknown as TypedDocumentString<SearchOrganizationsQuery, SearchOrganizationsQueryVariables>;
export const ResolveOrganizationsDocument = new TypedDocumentString(`
    query ResolveOrganizations($refs: [String!]!) {
  organizationsByReference(references: $refs) {
    reference
    id
  }
}
    `) as unknown as TypedDocumentString<ResolveOrganizationsQuery, ResolveOrganizationsQueryVariables>;