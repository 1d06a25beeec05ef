/** The demo figures of seeds/demo-figures.csv, pushed as their owners push them. */
import { type DemoFigure, readDemoFigures } from '../../scripts/demo';
import { bearer, graphql } from './hub';

const PUSH = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) { created updated rejected rejections { index field message } } }`;

/** Each owner pushes its own rows of the demo file, with its own reporter token. */
async function pushAsOwners(url: string, rows: DemoFigure[]): Promise<void> {
  const byOrganization = new Map<string, object[]>();
  for (const { figure } of rows) {
    const { organization, ...rest } = figure;
    byOrganization.set(String(organization), [...(byOrganization.get(String(organization)) ?? []), rest]);
  }
  for (const [org, figures] of byOrganization) {
    const res = await graphql(url, PUSH, { input: { figures } }, await bearer(org, ['reporter']));
    expect(res.errors).toBeUndefined();
    expect(res.data!.pushFigures.rejections).toEqual([]);
  }
}

/** Every demo figure, then its corrections (which become second revisions). */
export async function pushDemoFigures(url: string): Promise<void> {
  const { figures, corrections } = readDemoFigures();
  await pushAsOwners(url, figures);
  await pushAsOwners(url, corrections);
}
