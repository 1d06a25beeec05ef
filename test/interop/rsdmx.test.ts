/**
 * Interoperability: R's rsdmx (Debian's r-cran-rsdmx), a client nobody here wrote, reads the
 * hub's SDMX structure and data from a running hub and finds the same dataflow, dimensions,
 * indicators, values, periods, flags and units the GraphQL API answers.
 *
 * Needs Rscript with rsdmx, so it is not part of `npm test` (jest.config.js leaves
 * test/interop/ out): `.ci/run` installs the client with apt and runs it; by hand,
 * `apt-get install r-cran-rsdmx && npx jest --config jest.interop.config.js`.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseCsv } from '../../lib/csv';
import type { Hub } from '../../hub';
import { bearer, graphql, startTestHub } from '../support/hub';

const run = promisify(execFile);
let hub: Hub;
let url: string;

const PUSH = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) { rejected rejections { code message } } }`;

beforeAll(async () => {
  hub = await startTestHub();
  url = hub.gateway.url;
  const court = await bearer('court', ['reporter']);
  const res = await graphql(
    url,
    PUSH,
    {
      input: {
        figures: [
          { indicator: 'court-ip-cases-closed', period: '2025Q1', value: 900 },
          { indicator: 'court-ip-cases-closed', period: '2025Q2', value: 950, flags: ['ESTIMATED'] },
          { indicator: 'court-ip-cases-closed', period: '2025H2', value: 2000, flags: ['BREAK_IN_SERIES'] },
          { indicator: 'court-ip-cases-closed-within-limit', period: '2025Q1', value: 860 },
          { indicator: 'average-trial-closure-days', period: '2025Q1', value: 98.5 },
        ],
      },
    },
    court,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data!.pushFigures.rejected).toBe(0);
});
afterAll(() => hub?.stop());

/** The sections the R script prints (## name, then CSV), as rows keyed by column. */
function sections(text: string): Record<string, Array<Record<string, string>>> {
  const result: Record<string, Array<Record<string, string>>> = {};
  for (const part of text.split(/^## /m).filter(Boolean)) {
    const [name, ...lines] = part.split('\n');
    const [header, ...rows] = parseCsv(lines.join('\n')).map((r) => r.fields);
    result[name.trim()] = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
  }
  return result;
}

/** Runs the R client; a machine without R is told what to install, not handed a bare ENOENT. */
async function rsdmx(origin: string): Promise<string> {
  try {
    return (await run('Rscript', [path.join(__dirname, 'rsdmx.R'), origin], { timeout: 120_000 })).stdout;
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT')
      throw new Error('Rscript is not installed: this test needs R with rsdmx (apt-get install r-cran-rsdmx)', { cause: error });
    throw error;
  }
}

it('reads the structure and every figure as GraphQL answers them', async () => {
  const stdout = await rsdmx(new URL(url).origin);
  const found = sections(stdout);
  expect(found.dataflows).toEqual([{ id: 'FIGURES', agencyID: 'IPZONE', version: '1.0' }]);
  expect(found.dimensions.map((d) => d.id)).toEqual(['INDICATOR', 'BREAKDOWN', 'FREQ']);

  const api = (
    await graphql(
      url,
      `
        {
          indicators {
            id
            name
            nameEn
            unitEn
            figures {
              breakdown
              period
              value
              flags
              status
              organization {
                id
              }
            }
          }
        }
      `,
    )
  ).data!.indicators as Array<any>;
  expect(found.indicators.map((i) => [i.id, i['name.zh'], i['name.en']]).sort()).toEqual(
    api.map((i) => [i.id, i.name, i.nameEn]).sort(),
  );
  const sdmxPeriod = (p: string) => p.replace(/^(\d{4})H(\d)$/, '$1-S$2').replace(/^(\d{4})Q(\d)$/, '$1-Q$2');
  const expected = api
    .flatMap((i) =>
      i.figures.map((f: any) => ({
        INDICATOR: i.id,
        BREAKDOWN: f.breakdown || '_T',
        TIME_PERIOD: sdmxPeriod(f.period),
        OBS_VALUE: Number(f.value),
        OBS_STATUS: f.flags.includes('BREAK_IN_SERIES') ? 'B' : f.flags.includes('ESTIMATED') ? 'E' : 'A',
        UNIT_MEASURE: i.unitEn.toUpperCase().replace(/[^A-Z0-9]+/g, '_'),
        FIGURE_STATUS: f.status,
        REPORTING_ORG: f.organization.id,
      })),
    )
    .sort((a, b) => `${a.INDICATOR} ${a.TIME_PERIOD}`.localeCompare(`${b.INDICATOR} ${b.TIME_PERIOD}`));
  expect(expected).toHaveLength(5);
  const read = found.observations
    .map((o) => ({
      INDICATOR: o.INDICATOR,
      BREAKDOWN: o.BREAKDOWN,
      TIME_PERIOD: o.TIME_PERIOD,
      OBS_VALUE: Number(o.OBS_VALUE),
      OBS_STATUS: o.OBS_STATUS,
      UNIT_MEASURE: o.UNIT_MEASURE,
      FIGURE_STATUS: o.FIGURE_STATUS,
      REPORTING_ORG: o.REPORTING_ORG,
    }))
    .sort((a, b) => `${a.INDICATOR} ${a.TIME_PERIOD}`.localeCompare(`${b.INDICATOR} ${b.TIME_PERIOD}`));
  expect(read).toEqual(expected);
});
