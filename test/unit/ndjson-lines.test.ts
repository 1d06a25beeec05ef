/**
 * An NDJSON file is read line by line as it arrives, each piece copied once: a line split
 * over many pieces costs its length, not its length times the pieces (a 24 MiB line took
 * 17 s, and held every other request meanwhile). A line longer than MAX_NDJSON_LINE is a
 * rejected row, and the lines after it are read as usual.
 */
import { figureRecords, MAX_NDJSON_LINE, type StreamedRecord } from '../../lib/figure-stream';

async function* pieces(text: string, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < text.length; at += size) yield Buffer.from(text.slice(at, at + size));
}

async function records(text: string, size: number): Promise<StreamedRecord[]> {
  const read: StreamedRecord[] = [];
  for await (const record of figureRecords(pieces(text, size), 'ndjson')) read.push(record);
  return read;
}

it('reads lines split over pieces, with their numbers, blank lines skipped and the last without a newline', async () => {
  const text = '{"indicator":"a","period":"2025Q1","value":1}\n\n{"indicator":"b","period":"2025Q2","value":2}\n[1]';
  for (const size of [1, 7, 64, 4096])
    expect(await records(text, size)).toEqual([
      { index: 0, line: 1, figure: { indicator: 'a', period: '2025Q1', value: 1 } },
      { index: 1, line: 3, figure: { indicator: 'b', period: '2025Q2', value: 2 } },
      { index: 2, line: 4, problem: { field: 'row', message: 'a line holds one JSON object' } },
    ]);
});

it('rejects a line of 24 MiB arriving in 64 KiB pieces as one row, at once, and reads the next line', async () => {
  const long = `{"note":"${'x'.repeat(24 * 1024 * 1024)}"}`;
  const read = await records(`${long}\n{"indicator":"a","period":"2025","value":3}\n`, 64 * 1024);
  expect(read).toEqual([
    { index: 0, line: 1, problem: { field: 'row', message: `the line is longer than ${MAX_NDJSON_LINE} characters` } },
    { index: 1, line: 2, figure: { indicator: 'a', period: '2025', value: 3 } },
  ]);
});
