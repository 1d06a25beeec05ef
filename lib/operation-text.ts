/**
 * The text of one of the hub's own GraphQL operations as the generated `graphql()` gives it
 * (`graphql(`…`).toString()`, lib/gql and lib/organizations-gql, `npm run build`): a plain
 * string to send, which carries the types of its answer and variables as the schema says.
 */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

export type OperationText<T, V> = string & DocumentTypeDecoration<T, V>;
