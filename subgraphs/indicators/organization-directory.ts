/**
 * The one call between subgraphs: the indicators subgraph asks the organizations
 * subgraph which organisation a name or alias denotes (agencies write their names many
 * ways). One request per push, however many names it carries. It carries the gateway
 * token of the request being served, so the organizations subgraph stays closed to
 * everyone else and no subgraph ever needs a key that signs.
 */
import type { OperationText } from '../../lib/operation-text';
import { ErrorCode, hubError } from '../../lib/errors';
import { callSubgraph, type SubgraphAnswer } from '../../lib/subgraph-call';
import { organizationsGraphql } from '../../lib/organizations-gql';

const SEARCH = organizationsGraphql(`
  query SearchOrganizations($text: String!) {
    organizations(filter: { search: $text }) {
      id
    }
  }
`).toString();

const RESOLVE = organizationsGraphql(`
  query ResolveOrganizations($refs: [String!]!) {
    organizationsByReference(references: $refs) {
      reference
      id
    }
  }
`).toString();

export interface OrganizationDirectory {
  /** Organisation id of each reference (id, name or alias); absent when unknown. */
  resolve(references: readonly string[]): Promise<Map<string, string>>;
  /** Ids of the organisations whose name, English name, id or an alias contains the text (the review queue's search). */
  search(text: string): Promise<string[]>;
}

/** The organizations subgraph at `url`, asked on behalf of one request (its gateway token and id). */
export function organizationDirectory(url: string, caller: { gatewayToken: string; requestId: string }): OrganizationDirectory {
  return {
    async resolve(references) {
      const unique = [...new Set(references)];
      const found = new Map<string, string>();
      // The organizations subgraph resolves at most 1,000 references a request.
      for (let start = 0; start < unique.length; start += 1000) {
        for (const [reference, id] of await resolveChunk(unique.slice(start, start + 1000))) found.set(reference, id);
      }
      return found;
    },
    async search(text) {
      const body = await ask(SEARCH, { text });
      if (!body.data?.organizations) throw unanswered(body, 'the organizations subgraph did not search organisation names');
      return body.data.organizations.map((o) => o.id);
    },
  };

  async function resolveChunk(unique: string[]): Promise<Map<string, string>> {
    const body = await ask(RESOLVE, { refs: unique });
    if (!body.data?.organizationsByReference)
      throw unanswered(body, 'the organizations subgraph did not resolve organisation names');
    return new Map(body.data.organizationsByReference.filter((r) => r.id).map((r) => [r.reference, r.id!]));
  }

  /** One request to the organizations subgraph as the caller; unavailable when it does not answer in time. */
  async function ask<T, V>(query: OperationText<T, V>, variables: V): Promise<SubgraphAnswer<T>> {
    try {
      return await callSubgraph(url, query, variables, caller);
    } catch {
      throw hubError(ErrorCode.SUBGRAPH_UNAVAILABLE, 'the organizations subgraph is unavailable to resolve organisation names', {
        serviceName: 'organizations',
      });
    }
  }
}

/** The organizations subgraph answered without data: its database down is said as such (the caller may retry, as with its own). */
function unanswered(body: { errors?: Array<{ extensions?: { code?: string } }> }, otherwise: string): Error {
  const databaseDown = body.errors?.some((e) => e.extensions?.code === ErrorCode.DATABASE_UNAVAILABLE);
  return databaseDown
    ? hubError(ErrorCode.DATABASE_UNAVAILABLE, 'the database is unavailable: organisation names could not be resolved', {
        serviceName: 'organizations',
      })
    : hubError(ErrorCode.SUBGRAPH_UNAVAILABLE, otherwise);
}
