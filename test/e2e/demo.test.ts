/**
 * `npm run demo` never replaces anyone's figures: on a hub holding the court's own figures
 * (the import of seeds/example-figures.csv in docs/reporting.md, and a push of 2025Q1), it writes the demo
 * figures everywhere else, skips those rows and says so, exits 0, and leaves the court's
 * figures as they were; run again, it writes nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ipzone, ROOT } from '../support/cli';
import { issueToken } from '../../lib/tokens';
import { bearer, graphql, testSettings, useHubAndDatabase } from '../support/hub';

const { url, db } = useHubAndDatabase();

const courtFigures = async () =>
  (
    await db().query(
      `SELECT indicator_id, period, breakdown, value::text, source, recorded_by FROM indicators.figure_series
        WHERE organization_id = 'court' ORDER BY 1, 2, 3`,
    )
  ).rows;

it('skips the rows where the court reported, exits 0, and leaves its figures as they were', async () => {
  const token = await issueToken(testSettings().tokens, { org: 'court', roles: ['reporter'], subject: 'court-clerk' }, 600);
  const env = { ...process.env, IPZONE_URL: url(), IPZONE_TOKEN: token, LOG_LEVEL: 'error' };
  const imported = await ipzone(['import', path.join(ROOT, 'seeds/example-figures.csv')], { env });
  expect({ code: imported.code, stderr: imported.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
  const pushed = await graphql(
    url(),
    `
      mutation {
        pushFigures(
          input: {
            figures: [
              { indicator: "court-ip-cases-closed", period: "2025Q1", value: 1111 }
              { indicator: "court-ip-cases-closed-within-limit", period: "2025Q1", value: 1000 }
            ]
          }
        ) {
          created
          rejected
        }
      }
    `,
    {},
    await bearer('court', ['reporter']),
  );
  expect(pushed.errors ?? pushed.data).toEqual({ pushFigures: { created: 2, rejected: 0 } });
  const before = await courtFigures();
  expect(before.length).toBe(8);

  const demoEnv = { ...process.env, IPZONE_URL: url(), LOG_LEVEL: 'error' };
  const demo = await ipzone(['demo'], { env: demoEnv });
  expect({ code: demo.code, out: demo.stdout }).toEqual({
    code: 0,
    out: expect.stringMatching(/0 rejected, 2 skipped \(someone else recorded that figure/),
  });
  // The court's own figures are untouched; its other demo figures landed beside them.
  const after = await courtFigures();
  expect(after.filter((f) => f.recorded_by !== 'npm-run-demo')).toEqual(before);
  const demoFigures = new Set(
    readFileSync(path.join(ROOT, 'seeds/demo-figures.csv'), 'utf8')
      .split('\n')
      .filter((line) => /,court,/.test(line))
      .map((line) =>
        line
          .split(',')
          .filter((_, i) => i === 0 || i === 1 || i === 5)
          .join('|'),
      ),
  );
  expect(after.filter((f) => f.recorded_by === 'npm-run-demo').length).toBe(demoFigures.size - 2);

  const again = await ipzone(['demo'], { env: demoEnv });
  expect({ code: again.code, out: again.stdout }).toEqual({
    code: 0,
    out: expect.stringContaining("2 batch(es) loaded before: the hub's first summary, nothing written again"),
  });
  expect(await courtFigures()).toEqual(after);
});
