/**
 * Values at the edges are the caller's errors, refused before they reach the database or
 * the planner, in development and production alike: days and instants outside the years
 * PostgreSQL and the hub hold (1900–9999), and numbers no double holds (`1e400`).
 */
import { bearer, graphql } from '../support/hub';
import { MODES, useHubIn } from '../support/modes';

const FIGURES = `query ($asOf: DateTime) { indicator(id: "police-ip-criminal-cases") { figures(asOf: $asOf) { period value } } }`;
const OBLIGATIONS = `query ($asOf: LocalDate) { obligations(organization: "court", asOf: $asOf) { period } }`;
const push = (value: string) =>
  `mutation { pushFigures(input: { figures: [{ indicator: "police-ip-criminal-cases", period: "2025", value: ${value} }] }) { created } }`;

describe.each(MODES)('in %s mode', (_mode, environment) => {
  const started = useHubIn(environment);
  let url: string;
  beforeAll(() => {
    url = started().gateway.url;
  });

  it('refuses an instant outside the years 1900–9999 as BAD_USER_INPUT naming asOf, as a variable or a literal', async () => {
    for (const asOf of ['0000-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '0001-01-01', '9999-12-31T23:00:00-05:00']) {
      const res = await graphql(url, FIGURES, { asOf });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
      expect(res.errors![0].message).toMatch(/between 1900 and 9999/);
      const literal = await graphql(url, FIGURES.replace('($asOf: DateTime) ', '').replace('$asOf', JSON.stringify(asOf)));
      expect(literal.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
    }
    const edge = await graphql(url, FIGURES, { asOf: '1900-01-01T00:00:00Z' });
    expect(edge.errors).toBeUndefined();
    expect(edge.data!.indicator.figures).toEqual([]);
    const late = await graphql(url, FIGURES, { asOf: '9999-12-31T23:59:59Z' });
    expect(late.errors).toBeUndefined();
  });

  it('refuses a day outside the years 1900–9999 as BAD_USER_INPUT naming asOf', async () => {
    for (const asOf of ['1000-01-01', '1899-12-31']) {
      const res = await graphql(url, OBLIGATIONS, { asOf });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
    }
    expect((await graphql(url, OBLIGATIONS, { asOf: '9999-12-31' })).errors).toBeUndefined();
  });

  it('refuses a number literal no double holds with HTTP 400 BAD_USER_INPUT before planning, and writes nothing', async () => {
    const coordinator = await bearer('amr', ['coordinator']);
    for (const value of ['1e400', '-1e400', '1'.padEnd(400, '0'), '1.8e308']) {
      const res = await graphql(url, push(value), {}, coordinator);
      expect(res.status).toBe(400);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.figures.value' });
      expect(res.errors![0].message).toMatch(/is not a finite number/);
      expect(res.errors![0].message).not.toMatch(/Infinity/);
    }
    const read = await graphql(url, FIGURES, {});
    expect(read.data!.indicator.figures).toEqual([]);
    // A finite one, however large, goes through.
    const large = await graphql(url, push('1e300'), {}, coordinator);
    expect(large.status).toBe(200);
  });
});
