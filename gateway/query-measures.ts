/**
 * The hub's own measures of an operation, taken before graphql-js validates it:
 *
 * - its cost: each field 1, × LIST_FACTOR for every list above it;
 * - the field selected most often at one place (one response path), fragments included:
 *   graphql-js compares every pair of such selections, so a few hundred copies of one
 *   field would hold the event loop for seconds.
 *
 * Each named fragment is costed once (its cost does not depend on where it is spread),
 * and each walk stops as soon as its limit is passed: a document of fragments that spread
 * each other many times is refused in the time it takes to read it.
 */
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  type GraphQLField,
  type GraphQLInterfaceType,
  GraphQLList,
  type GraphQLObjectType,
  type GraphQLSchema,
  isInterfaceType,
  isObjectType,
  Kind,
  type NamedTypeNode,
  type SelectionSetNode,
} from 'graphql';

/** How much a list multiplies the cost of what is selected inside it. */
const LIST_FACTOR = 10;

type WithFields = GraphQLObjectType | GraphQLInterfaceType;

export type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

export function fragmentsOf(document: DocumentNode): Fragments {
  return new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
}

const withFields = (type: unknown): WithFields | null => (isObjectType(type) || isInterfaceType(type) ? type : null);

function isList(field: GraphQLField<unknown, unknown> | undefined): boolean {
  return !!field && getNullableType(field.type) instanceof GraphQLList;
}

/** Thrown inside a walk when its limit is passed. */
class LimitPassed extends Error {}

/**
 * The cost of a selection set whose parent is `type`, or Infinity once it passes `limit`.
 * Fields the schema does not know (introspection's own, or mistakes that validation will
 * name) count 1 each, with no list factor.
 */
export function queryCost(
  schema: GraphQLSchema,
  fragments: Fragments,
  set: SelectionSetNode,
  type: WithFields | null,
  limit: number,
): number {
  // A fragment's cost at weight 1; 0 while it is being measured (a cycle, which validation refuses).
  const measured = new Map<string, number>();
  const typeOf = (condition: NamedTypeNode | undefined, parent: WithFields | null) =>
    condition ? withFields(schema.getType(condition.name.value)) : parent;
  const fragmentCost = (name: string): number => {
    const known = measured.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment) return 0;
    measured.set(name, 0);
    const cost = costOf(fragment.selectionSet, typeOf(fragment.typeCondition, null));
    measured.set(name, cost);
    return cost;
  };
  const costOf = (selections: SelectionSetNode, parent: WithFields | null): number => {
    let cost = 0;
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += 1;
        if (selection.selectionSet) {
          const field = parent?.getFields()[selection.name.value];
          const inner = costOf(selection.selectionSet, field ? withFields(getNamedType(field.type)) : null);
          cost += (isList(field) ? LIST_FACTOR : 1) * inner;
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost += costOf(selection.selectionSet, typeOf(selection.typeCondition, parent));
      } else {
        cost += fragmentCost(selection.name.value);
      }
      // Every weight is at least 1, so a part over the limit puts the whole over it.
      if (cost > limit) throw new LimitPassed();
    }
    return cost;
  };
  try {
    return costOf(set, type);
  } catch (error) {
    if (error instanceof LimitPassed) return Infinity;
    throw error;
  }
}

interface Place {
  times: Map<string, number>;
  inner: Map<string, Place>;
  /** Fragments already spread here: spreading one again adds no new selections to compare. */
  spread: Set<string>;
}

const place = (): Place => ({ times: new Map(), inner: new Map(), spread: new Set() });

/**
 * The response name selected more than `limit` times at one place, with how often it was
 * seen when the walk stopped; null when none is. Call it once the cost is known to be
 * within bounds: the walk visits each field once for every place its fragment lands.
 */
export function overRepeated(
  fragments: Fragments,
  set: SelectionSetNode,
  limit: number,
): { field: string; times: number } | null {
  const active = new Set<string>();
  const walk = (selections: SelectionSetNode, here: Place): { field: string; times: number } | null => {
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const times = (here.times.get(key) ?? 0) + 1;
        if (times > limit) return { field: key, times };
        here.times.set(key, times);
        if (selection.selectionSet) {
          let next = here.inner.get(key);
          if (!next) here.inner.set(key, (next = place()));
          const found = walk(selection.selectionSet, next);
          if (found) return found;
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const found = walk(selection.selectionSet, here);
        if (found) return found;
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || here.spread.has(name) || active.has(name)) continue;
        here.spread.add(name);
        active.add(name);
        const found = walk(fragment.selectionSet, here);
        active.delete(name);
        if (found) return found;
      }
    }
    return null;
  };
  return walk(set, place());
}
