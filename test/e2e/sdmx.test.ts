/**
 * SDMX REST through the real gateway: the structure names every indicator and organisation
 * of the seeds; the data, as SDMX-ML structure-specific and as SDMX-CSV, holds exactly the
 * figures GraphQL answers (values, periods in SDMX notation, OBS_STATUS from the quality
 * flags, units, status, reporting organisation); key, startPeriod/endPeriod, updatedAfter
 * and the vintage narrow it; bad input is refused 400 with its field, and with
 * READS_REQUIRE_TOKEN a read without a token 401.
 */
import { parseCsv } from '../../lib/csv';
import { bearer, graphql } from '../support/hub';
import { useHubIn } from '../support/modes';

const hub = useHubIn(() => ({ READS_REQUIRE_TOKEN: 'true' }));
let url: string;
let reader: Record<string, string>;
const FLOW = '/sdmx/data/IPZONE,FIGURES,1.0';

const PUSH = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) { created updated rejected rejections { code message } } }`;
let beforeCorrection: string;

beforeAll(async () => {
  url = hub().gateway.url;
  reader = await bearer('amr', ['analyst']);
  const court = await bearer('court', ['reporter']);
  const push = async (figures: unknown[]) => {
    const res = await graphql(url, PUSH, { input: { figures } }, court);
    expect(res.errors).toBeUndefined();
    expect(res.data!.pushFigures.rejected).toBe(0);
  };
  await push([
    { indicator: 'court-ip-cases-closed', period: '2025Q1', value: 900 },
    { indicator: 'court-ip-cases-closed', period: '2025Q2', value: 950, flags: ['ESTIMATED'] },
    { indicator: 'court-ip-cases-closed', period: '2025H2', value: 2000, flags: ['ESTIMATED', 'BREAK_IN_SERIES'] },
    { indicator: 'court-ip-cases-closed-within-limit', period: '2025Q1', value: 860 },
  ]);
  beforeCorrection = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 5));
  await push([{ indicator: 'court-ip-cases-closed', period: '2025Q1', value: 910, reason: 'late cases' }]);
});

const get = (path: string, headers: Record<string, string> = reader) => fetch(new URL(path, url), { headers });

/** Every observation of a structure-specific message, with its series' keys: attribute maps. */
function observations(xml: string): Array<Record<string, string>> {
  const attrs = (text: string) =>
    Object.fromEntries([...text.matchAll(/(\w+)="([^"]*)"/g)].filter(([, k]) => k !== 'type').map(([, k, v]) => [k, v]));
  return [...xml.matchAll(/<Series\b([^>]*)>([\s\S]*?)<\/Series>/g)].flatMap(([, series, body]) =>
    [...body.matchAll(/<Obs\b([^>]*)\/>/g)].map(([, obs]) => ({ ...attrs(series), ...attrs(obs) })),
  );
}

describe('SDMX REST', () => {
  it('describes the dataflow: its structure, the indicators and organisations of the seeds as codelists', async () => {
    const res = await get('/sdmx/dataflow/IPZONE/FIGURES/1.0?references=all');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/vnd.sdmx.structure+xml');
    const xml = await res.text();
    const api = (await graphql(url, '{ indicators { id } organizations { id } }', {}, reader)).data!;
    const codes = (list: string) =>
      [
        ...new RegExp(`<structure:Codelist id="${list}"[\\s\\S]*?</structure:Codelist>`)
          .exec(xml)![0]
          .matchAll(/<structure:Code id="([^"]+)"/g),
      ].map((m) => m[1]);
    expect(codes('CL_INDICATOR').sort()).toEqual(api.indicators.map((i: any) => i.id).sort());
    expect(codes('CL_ORGANISATION').sort()).toEqual(api.organizations.map((o: any) => o.id).sort());
    expect(codes('CL_OBS_STATUS')).toEqual(['B', 'F', 'E', 'I', 'U', 'D', 'A']);
    for (const id of ['INDICATOR', 'BREAKDOWN', 'FREQ']) expect(xml).toContain(`<structure:Dimension id="${id}"`);
    expect(xml).toContain('<structure:TimeDimension id="TIME_PERIOD"');
    expect((await get('/sdmx/datastructure/IPZONE/IPZONE_FIGURES/latest')).status).toBe(200);
    expect((await get('/sdmx/codelist/IPZONE/CL_INDICATOR')).status).toBe(200);
    expect((await get('/sdmx/dataflow/OTHER/FIGURES')).status).toBe(404);
  });

  it('serves the figures GraphQL answers, as structure-specific data and as SDMX-CSV', async () => {
    const api = (
      await graphql(
        url,
        `
          {
            indicator(id: "court-ip-cases-closed") {
              unitEn
              figures {
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
        {},
        reader,
      )
    ).data!.indicator;
    const expected = [
      { TIME_PERIOD: '2025-Q1', OBS_VALUE: '910', OBS_STATUS: 'A', FREQ: 'Q' },
      { TIME_PERIOD: '2025-Q2', OBS_VALUE: '950', OBS_STATUS: 'E', FREQ: 'Q', QUALITY_FLAGS: 'ESTIMATED' },
      { TIME_PERIOD: '2025-S2', OBS_VALUE: '2000', OBS_STATUS: 'B', FREQ: 'S', QUALITY_FLAGS: 'BREAK_IN_SERIES ESTIMATED' },
    ];
    expect(api.figures.map((f: any) => [f.period, f.value])).toEqual([
      ['2025Q1', 910],
      ['2025Q2', 950],
      ['2025H2', 2000],
    ]);
    const res = await get(`${FLOW}/court-ip-cases-closed._T.`);
    expect(res.headers.get('content-type')).toContain('application/vnd.sdmx.structurespecificdata+xml');
    const obs = observations(await res.text()).sort((a, b) => a.TIME_PERIOD.localeCompare(b.TIME_PERIOD));
    expect(obs).toEqual(
      expected.map((e) =>
        expect.objectContaining({
          ...e,
          INDICATOR: 'court-ip-cases-closed',
          BREAKDOWN: '_T',
          UNIT_MEASURE: 'CASES',
          FIGURE_STATUS: 'PROVISIONAL',
          REPORTING_ORG: 'court',
        }),
      ),
    );
    const csv = parseCsv(await (await get(`${FLOW}/court-ip-cases-closed._T.?format=csv`)).text()).map((r) => r.fields);
    const [header, ...rows] = csv;
    expect(header.slice(0, 7)).toEqual([
      'DATAFLOW',
      'INDICATOR',
      'BREAKDOWN',
      'FREQ',
      'TIME_PERIOD',
      'OBS_VALUE',
      'UNIT_MEASURE',
    ]);
    const byColumn = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    expect(byColumn.map((r) => [r.DATAFLOW, r.TIME_PERIOD, r.OBS_VALUE, r.OBS_STATUS])).toEqual([
      ['IPZONE:FIGURES(1.0)', '2025-Q1', '910', 'A'],
      ['IPZONE:FIGURES(1.0)', '2025-Q2', '950', 'E'],
      ['IPZONE:FIGURES(1.0)', '2025-S2', '2000', 'B'],
    ]);
    const accepted = await get(`${FLOW}/court-ip-cases-closed..Q`, {
      ...reader,
      accept: 'application/vnd.sdmx.data+csv;version=1.0.0',
    });
    expect(accepted.headers.get('content-type')).toContain('application/vnd.sdmx.data+csv');
    expect(parseCsv(await accepted.text())).toHaveLength(3); // header, Q1 and Q2
  });

  it('narrows by key, startPeriod and endPeriod, updatedAfter, and reads a vintage (asOf)', async () => {
    const periods = async (path: string) =>
      observations(await (await get(path)).text())
        .map((o) => `${o.INDICATOR} ${o.TIME_PERIOD} ${o.OBS_VALUE}`)
        .sort();
    expect(await periods(`${FLOW}/court-ip-cases-closed+court-ip-cases-closed-within-limit._T.Q?endPeriod=2025-Q1`)).toEqual([
      'court-ip-cases-closed 2025-Q1 910',
      'court-ip-cases-closed-within-limit 2025-Q1 860',
    ]);
    expect(await periods(`${FLOW}/court-ip-cases-closed?startPeriod=2025-S2`.replace('closed?', 'closed..?'))).toEqual([
      'court-ip-cases-closed 2025-S2 2000',
    ]);
    expect(await periods(`${FLOW}/all?updatedAfter=${encodeURIComponent(beforeCorrection)}`)).toEqual([
      'court-ip-cases-closed 2025-Q1 910',
    ]);
    expect(await periods(`${FLOW}/court-ip-cases-closed._T.Q?asOf=${encodeURIComponent(beforeCorrection)}`)).toEqual([
      'court-ip-cases-closed 2025-Q1 900',
      'court-ip-cases-closed 2025-Q2 950',
    ]);
  });

  it('refuses bad input with its field and code, and a read without a token when reads need one', async () => {
    const refusal = async (path: string, headers = reader) => {
      const res = await get(path, headers);
      return [res.status, (await res.json()).errors[0].extensions];
    };
    expect(await refusal(`${FLOW}/a.b`)).toEqual([400, { code: 'BAD_USER_INPUT', field: 'key' }]);
    expect(await refusal(`${FLOW}/all?startPeriod=2025-Q5`)).toEqual([400, { code: 'BAD_USER_INPUT', field: 'startPeriod' }]);
    expect(await refusal(`${FLOW}/all?updatedAfter=yesterday`)).toEqual([400, { code: 'BAD_USER_INPUT', field: 'updatedAfter' }]);
    expect(await refusal(`/sdmx/data/IPZONE,OTHER,1.0/all`)).toEqual([404, { code: 'NOT_FOUND' }]);
    expect(await refusal(`${FLOW}/no-such-indicator..`)).toEqual([404, { code: 'NOT_FOUND' }]);
    expect((await refusal(`${FLOW}/all`, {}))[0]).toBe(401);
    expect((await refusal('/sdmx/dataflow/IPZONE/FIGURES', {}))[0]).toBe(401);
  });
});
