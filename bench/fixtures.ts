/** Figures the benchmarks read: the eight city goals over 2024–2025 (synthetic, source "bench"). */
import type { Hub } from '../hub';
import { issueToken } from '../lib/tokens';
import { postJson } from './load';

const PUSH = 'mutation($input: PushFiguresInput!) { pushFigures(input: $input) { rejected } }';

const quarters = (indicator: string, values: number[]) =>
  values.map((value, i) => ({ indicator, period: `${2024 + Math.floor(i / 4)}Q${(i % 4) + 1}`, value, source: 'bench' }));

export async function pushGoalFigures(hub: Hub): Promise<void> {
  const push = async (org: string, figures: object[]) => {
    const token = await issueToken(hub.settings.tokens, { org, roles: ['reporter'], subject: 'bench' }, 600);
    const body = await postJson(
      hub.gateway.url,
      { query: PUSH, variables: { input: { figures } } },
      { authorization: `Bearer ${token}` },
    );
    if (body.data.pushFigures.rejected > 0) throw new Error(`bench fixtures rejected: ${JSON.stringify(body.data)}`);
  };
  await push('amr', [
    { indicator: 'ip-protection-satisfaction', period: '2024', value: 82.1, source: 'bench' },
    { indicator: 'ip-protection-satisfaction', period: '2025', value: 84.2, source: 'bench' },
    { indicator: 'high-value-invention-patents', period: '2024H2', value: 51000, source: 'bench' },
    { indicator: 'high-value-invention-patents', period: '2025H2', value: 57000, source: 'bench' },
    ...quarters('assistance-mediation-cases', [700, 760, 820, 880, 800, 900, 950, 1000]),
    ...quarters('admin-case-cycle-reduction', [60, 59, 58, 57, 55, 53, 51, 49]),
  ]);
  await push('statistics', [
    { indicator: 'resident-population', period: '2024', value: 1377, source: 'bench' },
    { indicator: 'resident-population', period: '2025', value: 1380, source: 'bench' },
    { indicator: 'patent-intensive-industry-share', period: '2025', numerator: 3100, denominator: 21000, source: 'bench' },
  ]);
  await push('publicity', quarters('copyright-registrations', [17000, 18500, 19000, 20000, 18000, 20000, 21000, 19000]));
  await push('court', [
    ...quarters('court-ip-cases-closed', [900, 950, 980, 1000, 1000, 1000, 1000, 1000]),
    ...quarters('court-ip-cases-closed-within-limit', [850, 900, 930, 950, 950, 960, 965, 965]),
    ...quarters('average-trial-closure-days', [120, 116, 113, 110, 112, 104, 98, 94]),
  ]);
}

/** The dashboard's main query: the scoreboard with the eight goals, their owners' names and their series. */
export const DASHBOARD_QUERY = `query Dashboard($asOf: LocalDate) {
  scoreboard(asOf: $asOf) {
    headline { total achieved onTrack atRisk offTrack noData noBaseline }
    headlineGoals { actual effectiveTarget progress status demo
      indicator { id name nameEn unit comparator targetValue owners { id name } series(asOf: $asOf) { period value } } }
  }
}`;
