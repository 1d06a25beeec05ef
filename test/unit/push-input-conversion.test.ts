/**
 * A pushed batch on its way into the push resolver: graphql-js coerces the variables,
 * then type-graphql copies each figure into a FigureInput instance. The copy must take
 * the coerced figure as it is: an instance with fields of its own would have each field
 * the figure leaves out deleted from it (ten of the fifteen in a typical figure), which
 * turns every figure of the batch into a slow dictionary-mode object.
 */
import { execute, parse } from 'graphql';
import { Arg, buildSchema, Int, Mutation, Query, Resolver } from 'type-graphql';
import { FigureInput, PushFiguresInput } from '../../subgraphs/indicators/schema/figure';

const received: PushFiguresInput[] = [];

@Resolver()
class CaptureResolver {
  @Query(() => Boolean)
  ok(): boolean {
    return true;
  }

  @Mutation(() => Int)
  capture(@Arg('input', () => PushFiguresInput) input: PushFiguresInput): number {
    received.push(input);
    return input.figures.length;
  }
}

/** The fields of a fresh instance that type-graphql's copy would delete from a figure giving only `given`. */
const deletedFrom = (instance: object, given: object): string[] => Object.keys(instance).filter((key) => !(key in given));

describe('the push input reaches the resolver as graphql-js coerced it', () => {
  it('deletes no field from any figure of a batch', async () => {
    const schema = await buildSchema({ resolvers: [CaptureResolver], validate: false });
    const figures = Array.from({ length: 50 }, (_, i) => ({
      indicator: 'ip-training-base-trainees',
      period: `2024-${String((i % 12) + 1).padStart(2, '0')}`,
      value: i + 1,
      ...(i % 2 === 0 ? { breakdown: `b${i}`, flags: ['ESTIMATED'] } : { source: 'test' }),
    }));
    const result = await execute({
      schema,
      document: parse('mutation($input: PushFiguresInput!) { capture(input: $input) }'),
      variableValues: { input: { figures, atomic: true } },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ capture: 50 });
    const [input] = received;
    expect(input).toBeInstanceOf(PushFiguresInput);
    expect({ ...input, figures: undefined }).toEqual({ atomic: true, figures: undefined });
    // Each figure keeps exactly the fields it was given, in their order …
    input.figures.forEach((figure, i) => {
      expect(figure).toBeInstanceOf(FigureInput);
      expect(Object.keys(figure)).toEqual(Object.keys(figures[i]));
    });
    // … and none was deleted to get there: 0 per figure (a class with its own fields: 10 or 11 each).
    const deletions = figures.reduce((sum, figure) => sum + deletedFrom(new FigureInput(), figure).length, 0);
    expect(deletions).toBe(0);
    expect(deletedFrom(new PushFiguresInput(), { figures })).toEqual([]);
  });
});
