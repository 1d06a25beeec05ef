/**
 * The SDMX-ML 2.1 structure message of the IPZONE:FIGURES dataflow: the dataflow, its data
 * structure definition, the concepts and the codelists, built from the hub's own indicators
 * and organisations (the seeds) as the caller reads them through the gateway.
 */
import { graphql } from '../lib/gql';
import { answered } from './as-caller';
import type { SdmxStructureQuery } from '../lib/gql/graphql';
import { AGENCY, attributes, DSD, FIGURE_STATUS, FLOW, FREQ, OBS_STATUS, unitCode, VERSION, xml } from './sdmx-model';

export const STRUCTURE_QUERY = graphql(`
  query SdmxStructure {
    indicators {
      id
      name
      nameEn
      unit
      unitEn
    }
    organizations {
      id
      name
      nameEn
    }
  }
`).toString();

export type StructureData = SdmxStructureQuery;

const NS = 'http://www.sdmx.org/resources/sdmxml/schemas/v2_1';

/** Names in Chinese and English, as SDMX writes names. */
const names = (zh: string | null, en: string) =>
  `${zh ? `<common:Name xml:lang="zh">${xml(zh)}</common:Name>` : ''}<common:Name xml:lang="en">${xml(en)}</common:Name>`;

const ref = (values: Record<string, string>) => `<Ref${attributes({ agencyID: AGENCY, version: VERSION, ...values })}/>`;

interface Code {
  id: string;
  zh: string | null;
  en: string;
}

function codelist(id: string, en: string, codes: Code[]): string {
  const items = codes.map((c) => `<structure:Code id="${xml(c.id)}">${names(c.zh, c.en)}</structure:Code>`).join('');
  return `<structure:Codelist${attributes({ id, agencyID: AGENCY, version: VERSION })}>${names(null, en)}${items}</structure:Codelist>`;
}

const CONCEPTS: Array<[string, string]> = [
  ['INDICATOR', 'Indicator'],
  ['BREAKDOWN', 'Breakdown (_T: the total)'],
  ['FREQ', 'Frequency'],
  ['TIME_PERIOD', 'Reference period'],
  ['OBS_VALUE', 'Value'],
  ['UNIT_MEASURE', 'Unit of measure'],
  ['OBS_STATUS', 'Observation status (from the quality flags)'],
  ['QUALITY_FLAGS', 'Every quality flag of the figure, space-separated'],
  ['FIGURE_STATUS', 'Status of the figure in the hub'],
  ['REPORTING_ORG', 'Organisation that reported the figure'],
  ['NUMERATOR', 'Numerator of a rate'],
  ['DENOMINATOR', 'Denominator of a rate'],
];

const concept = (id: string) =>
  `<structure:ConceptIdentity>${ref({ id, maintainableParentID: 'CS_IPZONE', class: 'Concept', package: 'conceptscheme' })}</structure:ConceptIdentity>`;

const coded = (codelistId: string) =>
  `<structure:LocalRepresentation><structure:Enumeration>${ref({ id: codelistId, class: 'Codelist', package: 'codelist' })}</structure:Enumeration></structure:LocalRepresentation>`;

const text = (textType: string) =>
  `<structure:LocalRepresentation><structure:TextFormat textType="${textType}"/></structure:LocalRepresentation>`;

function dimension(id: string, position: number, representation: string): string {
  return `<structure:Dimension id="${id}" position="${position}">${concept(id)}${representation}</structure:Dimension>`;
}

function attribute(id: string, representation: string, level: 'series' | 'observation'): string {
  const relationship =
    level === 'series'
      ? `<structure:AttributeRelationship>${['INDICATOR', 'BREAKDOWN', 'FREQ'].map((d) => `<structure:Dimension><Ref id="${d}"/></structure:Dimension>`).join('')}</structure:AttributeRelationship>`
      : '<structure:AttributeRelationship><structure:PrimaryMeasure><Ref id="OBS_VALUE"/></structure:PrimaryMeasure></structure:AttributeRelationship>';
  return `<structure:Attribute id="${id}" assignmentStatus="Conditional">${concept(id)}${representation}${relationship}</structure:Attribute>`;
}

/** The parts of the structure a request asks for. */
export type Part = 'dataflows' | 'codelists' | 'concepts' | 'datastructures';

/** The structure message with `parts`: dataflow, codelists, concepts, the data structure definition. */
export function structureMessage(data: StructureData, prepared: string, parts: readonly Part[]): string {
  const indicators = answered(data.indicators, 'indicators');
  const organizations = answered(data.organizations, 'organizations');
  const units = new Map(indicators.map((i) => [unitCode(i.unitEn), { id: unitCode(i.unitEn), zh: i.unit, en: i.unitEn }]));
  const codelists = [
    codelist(
      'CL_INDICATOR',
      'Indicators of the plan',
      indicators.map((i) => ({ id: i.id, zh: i.name, en: i.nameEn })),
    ),
    codelist(
      'CL_FREQ',
      'Frequency',
      Object.values(FREQ).map((f) => ({ id: f.code, zh: f.zh, en: f.en })),
    ),
    codelist('CL_UNIT', 'Units of measure', [...units.values()]),
    codelist(
      'CL_OBS_STATUS',
      'Observation status',
      OBS_STATUS.map((s) => ({ id: s.code, zh: null, en: s.en })),
    ),
    codelist(
      'CL_FIGURE_STATUS',
      'Status of a figure',
      FIGURE_STATUS.map((s) => ({ id: s.code, zh: s.zh, en: s.en })),
    ),
    codelist(
      'CL_ORGANISATION',
      'Organisations responsible for the plan',
      organizations.map((o) => ({ id: o.id, zh: o.name, en: o.nameEn })),
    ),
  ].join('');
  const concepts = CONCEPTS.map(([id, en]) => `<structure:Concept id="${id}">${names(null, en)}</structure:Concept>`).join('');
  const components = [
    '<structure:DimensionList id="DimensionDescriptor">',
    dimension('INDICATOR', 1, coded('CL_INDICATOR')),
    dimension('BREAKDOWN', 2, text('String')),
    dimension('FREQ', 3, coded('CL_FREQ')),
    `<structure:TimeDimension id="TIME_PERIOD" position="4">${concept('TIME_PERIOD')}${text('ObservationalTimePeriod')}</structure:TimeDimension>`,
    '</structure:DimensionList><structure:AttributeList id="AttributeDescriptor">',
    attribute('UNIT_MEASURE', coded('CL_UNIT'), 'series'),
    attribute('OBS_STATUS', coded('CL_OBS_STATUS'), 'observation'),
    attribute('QUALITY_FLAGS', text('String'), 'observation'),
    attribute('FIGURE_STATUS', coded('CL_FIGURE_STATUS'), 'observation'),
    attribute('REPORTING_ORG', coded('CL_ORGANISATION'), 'observation'),
    attribute('NUMERATOR', text('Double'), 'observation'),
    attribute('DENOMINATOR', text('Double'), 'observation'),
    '</structure:AttributeList><structure:MeasureList id="MeasureDescriptor">',
    `<structure:PrimaryMeasure id="OBS_VALUE">${concept('OBS_VALUE')}${text('Double')}</structure:PrimaryMeasure>`,
    '</structure:MeasureList>',
  ].join('');
  const name = names('武汉市知识产权保护示范区建设指标数据', 'Figures of the Wuhan IP protection demonstration zone plan');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<message:Structure xmlns:message="${NS}/message" xmlns:structure="${NS}/structure" xmlns:common="${NS}/common">`,
    `<message:Header><message:ID>IPZONE_STRUCTURE</message:ID><message:Test>false</message:Test>`,
    `<message:Prepared>${xml(prepared)}</message:Prepared><message:Sender id="${AGENCY}"/></message:Header>`,
    '<message:Structures>',
    ...(parts.includes('dataflows')
      ? [
          `<structure:Dataflows><structure:Dataflow${attributes({ id: FLOW, agencyID: AGENCY, version: VERSION })}>${name}`,
          `<structure:Structure>${ref({ id: DSD, class: 'DataStructure', package: 'datastructure' })}</structure:Structure></structure:Dataflow></structure:Dataflows>`,
        ]
      : []),
    parts.includes('codelists') ? `<structure:Codelists>${codelists}</structure:Codelists>` : '',
    parts.includes('concepts')
      ? `<structure:Concepts><structure:ConceptScheme${attributes({ id: 'CS_IPZONE', agencyID: AGENCY, version: VERSION })}>${names(null, 'Concepts of the hub')}${concepts}</structure:ConceptScheme></structure:Concepts>`
      : '',
    ...(parts.includes('datastructures')
      ? [
          `<structure:DataStructures><structure:DataStructure${attributes({ id: DSD, agencyID: AGENCY, version: VERSION })}>${name}`,
          `<structure:DataStructureComponents>${components}</structure:DataStructureComponents></structure:DataStructure></structure:DataStructures>`,
        ]
      : []),
    '</message:Structures></message:Structure>',
    '',
  ].join('\n');
}
