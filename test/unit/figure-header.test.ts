/**
 * A file's header is read in one pass: a header of tens of thousands of columns nobody
 * knows is refused as fast as one of three (a search per unknown column made it take
 * minutes, the process answering nothing else meanwhile), and the refusal names the first
 * few of them, not all.
 */
import { readFigureRows } from '../../lib/figure-file';

const refusal = (text: string): string => {
  try {
    readFigureRows(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the header was not refused');
};

it('refuses a header of 50,000 unknown columns at once, naming the first five and counting the rest', () => {
  const names = Array.from({ length: 50_000 }, (_, i) => `c${i}`);
  const message = refusal(`indicator,period,${names.join(',')}\n`);
  expect(message).toMatch(
    /^unknown column\(s\): c0 \(C1\), c1 \(D1\), c2 \(E1\), c3 \(F1\), c4 \(G1\) and 49995 more; columns are: /,
  );
  expect(message.length).toBeLessThan(1000);
});

it('names a few cells of an unknown column given many times, and refuses a known one given twice', () => {
  const message = refusal(`indicator,period,${Array(40_000).fill('x').join(',')}\n`);
  expect(message).toMatch(/^unknown column\(s\): x \(C1, D1, E1, F1, G1\); columns are: /);
  expect(refusal('indicator,period,value,value\n')).toBe('the column value is there more than once (C1, D1): keep one');
});
