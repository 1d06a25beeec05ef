/**
 * The review queue's filters in the page: search (organisation or indicator), organisation,
 * period, state and "only with warnings". What they ask for goes to
 * `reviewQueue(filter:)` as it is; the hub narrows the queue. An organisation's approver
 * sees only its own submissions waiting for approval: the organisation and the state are
 * a coordinator's choices.
 */
import { h } from '../client/dom';
import { call } from './api';
import type { ReviewFilter, SubmissionState } from './gql/graphql';
import { ORGANIZATIONS } from './queries';

const STATES: SubmissionState[] = ['SUBMITTED', 'APPROVED'];

/** Fills the organisation choice once (every organisation), and shows the coordinator's choices only to a coordinator. */
export async function prepareFilters(form: HTMLFormElement, coordinator: boolean): Promise<void> {
  for (const part of form.querySelectorAll<HTMLElement>('.coordinator-only')) part.hidden = !coordinator;
  const select = form.querySelector<HTMLSelectElement>('select[name="organization"]');
  if (!coordinator || !select || select.options.length > 1) return;
  const { organizations } = await call(ORGANIZATIONS);
  select.append(...(organizations ?? []).map((o) => h('option', { value: o.id }, `${o.name} · ${o.nameEn}`)));
}

/** What the filter form asks for; only the parts filled in. */
export function readFilter(form: HTMLFormElement): ReviewFilter {
  const data = new FormData(form);
  const text = (name: string) => {
    const value = data.get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
  const state = STATES.find((s) => s === text('state'));
  return {
    ...(text('search') ? { search: text('search') } : {}),
    ...(text('organization') ? { organization: text('organization') } : {}),
    ...(text('period') ? { period: text('period').toUpperCase() } : {}),
    ...(state ? { states: [state] } : {}),
    ...(data.get('warned') ? { hasWarnings: true } : {}),
  };
}
