/**
 * Puts the organisations' names into the DASHBOARD answer, which names them by id and
 * lists them once at its root. An organisation the list does not hold (the organizations
 * subgraph is not answering, so the list is null) becomes null: the views show “—”.
 */
import type { DashboardAnswer, DashboardData, Kpi, Named, Ref, ReferringKpi } from './queries';

type Lookup = (ref: Ref | null) => Named | null;

function lookup(organizations: Named[] | null): Lookup {
  const byId = new Map((organizations ?? []).map((o) => [o.id, o]));
  return (ref) => (ref ? (byId.get(ref.id) ?? null) : null);
}

const ATTENTION: ReadonlySet<string> = new Set(['OFF_TRACK', 'AT_RISK']);

export function withNames(answer: DashboardAnswer): DashboardData {
  const named = lookup(answer.organizations);
  const kpi = (k: ReferringKpi): Kpi => ({
    ...k,
    indicator: k.indicator && { ...k.indicator, owners: k.indicator.owners && k.indicator.owners.map(named) },
  });
  const targets = answer.targets && answer.targets.map(kpi);
  return {
    scoreboard: answer.scoreboard && { ...answer.scoreboard, headlineGoals: answer.scoreboard.headlineGoals.map(kpi) },
    targets,
    attention: targets && targets.filter((k) => ATTENTION.has(k.status)),
    reportingCompleteness:
      answer.reportingCompleteness && answer.reportingCompleteness.map((c) => ({ ...c, organization: named(c.organization) })),
    tasks: answer.tasks && answer.tasks.map((t) => ({ ...t, leadOrganization: named(t.leadOrganization) })),
  };
}
