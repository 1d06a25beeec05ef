/**
 * Puts the organisations' names into the DASHBOARD answer, which names them by id and
 * lists them once at its root. An organisation the list does not hold (the organizations
 * subgraph is not answering, so the list is null) becomes null: the views show “—”.
 */
import type { DashboardAnswer, DashboardData, KpiStatus, Organization } from './queries';

type Lookup = (ref: { id: string } | null) => Organization | null;

function lookup(organizations: DashboardAnswer['organizations']): Lookup {
  const byId = new Map((organizations ?? []).map((o) => [o.id, o]));
  return (ref) => (ref ? (byId.get(ref.id) ?? null) : null);
}

const ATTENTION: ReadonlySet<KpiStatus> = new Set<KpiStatus>(['OFF_TRACK', 'AT_RISK']);

export function withNames(answer: DashboardAnswer): DashboardData {
  const named = lookup(answer.organizations);
  const owned = <T extends { owners: Array<{ id: string } | null> | null }>(indicator: T | null) =>
    indicator && { ...indicator, owners: indicator.owners && indicator.owners.map(named) };
  const targets = answer.targets && answer.targets.map((k) => ({ ...k, indicator: owned(k.indicator) }));
  return {
    scoreboard: answer.scoreboard && {
      ...answer.scoreboard,
      headlineGoals: answer.scoreboard.headlineGoals.map((k) => ({ ...k, indicator: owned(k.indicator) })),
    },
    targets,
    attention: targets && targets.filter((k) => ATTENTION.has(k.status)),
    reportingCompleteness:
      answer.reportingCompleteness && answer.reportingCompleteness.map((c) => ({ ...c, organization: named(c.organization) })),
    tasks: answer.tasks && answer.tasks.map((t) => ({ ...t, leadOrganization: named(t.leadOrganization) })),
  };
}
