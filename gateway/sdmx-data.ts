/**
 * The hub's figures as SDMX data: series by INDICATOR, BREAKDOWN and FREQ, observations by
 * TIME_PERIOD, written as SDMX-ML 2.1 structure-specific data or as SDMX-CSV 1.0. The
 * figures are those the GraphQL API answers (`Indicator.figures`), as of a vintage when asked.
 */
import { toCsv } from '../lib/csv';
import { graphql } from '../lib/gql';
import { answered } from './as-caller';
import type { SdmxDataQuery } from '../lib/gql/graphql';
import { parsePeriod } from '../lib/period';
import { attributes, DIMENSIONS, DSD_URN, FLOW_REF, FREQ, obsStatus, sdmxPeriod, TOTAL, unitCode, xml } from './sdmx-model';

export const DATA_QUERY = graphql(`
  query SdmxData($asOf: DateTime, $from: Period, $to: Period) {
    indicators {
      id
      unitEn
      figures(asOf: $asOf, from: $from, to: $to) {
        breakdown
        period
        periodType
        value
        numerator
        denominator
        status
        flags
        recordedAt
        organization {
          id
        }
      }
    }
  }
`).toString();

export type DataAnswer = SdmxDataQuery;

interface Observation {
  timePeriod: string;
  value: number | null;
  obsStatus: string;
  qualityFlags: string;
  figureStatus: string;
  reportingOrg: string | null;
  numerator: number | null;
  denominator: number | null;
}

export interface Series {
  indicator: string;
  breakdown: string;
  freq: string;
  unit: string;
  observations: Observation[];
}

/** Which series a key selects: per dimension the values allowed, or null for any. */
export type Key = Array<Set<string> | null>;

/**
 * A key as SDMX REST writes it (INDICATOR.BREAKDOWN.FREQ, each part empty for any value or
 * values joined by +; `all` for everything); null when it has the wrong number of parts.
 */
export function parseKey(key: string | undefined): Key | null {
  if (!key || key === 'all') return DIMENSIONS.map(() => null);
  const parts = key.split('.');
  if (parts.length !== DIMENSIONS.length) return null;
  return parts.map((p) => (p === '' ? null : new Set(p.split('+'))));
}

/** The figures answered, grouped into series, filtered by the key and by `updatedAfter`, in a stable order. */
export function toSeries(answer: DataAnswer, key: Key, updatedAfter: string | null): Series[] {
  const series = new Map<string, Series>();
  for (const indicator of answered(answer.indicators, 'indicators')) {
    for (const f of indicator.figures) {
      if (updatedAfter && !(f.recordedAt > updatedAfter)) continue;
      const breakdown = f.breakdown === '' ? TOTAL : f.breakdown;
      const freq = FREQ[f.periodType].code;
      const dims = [indicator.id, breakdown, freq];
      if (dims.some((value, i) => key[i] && !key[i].has(value))) continue;
      const id = dims.join('\u0000');
      const s = series.get(id) ?? {
        indicator: indicator.id,
        breakdown,
        freq,
        unit: unitCode(indicator.unitEn),
        observations: [],
      };
      series.set(id, s);
      s.observations.push({
        timePeriod: sdmxPeriod(parsePeriod(f.period)!),
        value: f.value,
        obsStatus: obsStatus(f.flags),
        qualityFlags: f.flags.join(' '),
        figureStatus: f.status,
        reportingOrg: f.organization?.id ?? null,
        numerator: f.numerator,
        denominator: f.denominator,
      });
    }
  }
  const sorted = [...series.values()].sort(
    (a, b) => a.indicator.localeCompare(b.indicator) || a.breakdown.localeCompare(b.breakdown) || a.freq.localeCompare(b.freq),
  );
  for (const s of sorted) s.observations.sort((a, b) => a.timePeriod.localeCompare(b.timePeriod));
  return sorted;
}

const NS = 'http://www.sdmx.org/resources/sdmxml/schemas/v2_1';
const STRUCTURE_NS = `${DSD_URN}:ObsLevelDim:TIME_PERIOD`;

/** SDMX-ML 2.1 structure-specific data, one observation per figure, time at the observation level. */
export function dataMessage(series: Series[], prepared: string, id: string): string {
  const body = series
    .map((s) => {
      const head = `<Series${attributes({ INDICATOR: s.indicator, BREAKDOWN: s.breakdown, FREQ: s.freq, UNIT_MEASURE: s.unit })} xsi:type="ns1:SeriesType">`;
      const observations = s.observations
        .map(
          (o) =>
            `<Obs${attributes({
              TIME_PERIOD: o.timePeriod,
              OBS_VALUE: o.value ?? 'NaN',
              OBS_STATUS: o.obsStatus,
              QUALITY_FLAGS: o.qualityFlags || null,
              FIGURE_STATUS: o.figureStatus,
              REPORTING_ORG: o.reportingOrg,
              NUMERATOR: o.numerator,
              DENOMINATOR: o.denominator,
            })} xsi:type="ns1:ObsType"/>`,
        )
        .join('\n');
      return `${head}\n${observations}\n</Series>`;
    })
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<message:StructureSpecificData xmlns:message="${NS}/message" xmlns:common="${NS}/common" xmlns:ss="${NS}/data/structurespecific" xmlns:ns1="${xml(STRUCTURE_NS)}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`,
    `<message:Header><message:ID>${xml(id)}</message:ID><message:Test>false</message:Test><message:Prepared>${xml(prepared)}</message:Prepared>`,
    `<message:Sender id="IPZONE"/><message:Structure structureID="IPZONE_FIGURES" namespace="${xml(STRUCTURE_NS)}" dimensionAtObservation="TIME_PERIOD">`,
    `<common:Structure><URN>${xml(DSD_URN)}</URN></common:Structure></message:Structure></message:Header>`,
    `<message:DataSet ss:structureRef="IPZONE_FIGURES" ss:dataScope="DataStructure" xsi:type="ns1:DataSetType">`,
    body,
    '</message:DataSet></message:StructureSpecificData>',
    '',
  ].join('\n');
}

const CSV_HEADER = [
  'DATAFLOW',
  'INDICATOR',
  'BREAKDOWN',
  'FREQ',
  'TIME_PERIOD',
  'OBS_VALUE',
  'UNIT_MEASURE',
  'OBS_STATUS',
  'QUALITY_FLAGS',
  'FIGURE_STATUS',
  'REPORTING_ORG',
  'NUMERATOR',
  'DENOMINATOR',
];

/** SDMX-CSV 1.0: one row per observation, the dataflow first, every dimension and attribute by its id. */
export function dataCsv(series: Series[]): string {
  const rows = series.flatMap((s) =>
    s.observations.map((o) => [
      FLOW_REF,
      s.indicator,
      s.breakdown,
      s.freq,
      o.timePeriod,
      o.value ?? 'NaN',
      s.unit,
      o.obsStatus,
      o.qualityFlags,
      o.figureStatus,
      o.reportingOrg ?? '',
      o.numerator ?? '',
      o.denominator ?? '',
    ]),
  );
  return toCsv(CSV_HEADER, rows);
}
