/**
 * A push's rows one at a time, as `pushFigures` and the bulk path both read them: who may
 * write them (a reporter its own organisation's indicators, for itself), and each row
 * checked on its own (organisation, indicator, period, value, lengths, timing).
 */
import { ErrorCode, forbidden } from '../../../lib/errors';
import { hasRole, type Identity } from '../../../lib/identity';
import type { IndicatorRules } from '../data/repository';
import type { FigureRow } from '../model/figure-types';
import { checkTiming } from '../model/figure-timing';
import { isRejection, type PreparedRow, prepareRow, type Rejection } from '../model/rows';

/** What a row is checked with: the caller, the references resolved, and the day. */
export interface RowContext {
  identity: Identity;
  /** The indicators rows name, by the reference each row uses. */
  indicators: Map<string, IndicatorRules>;
  /** The organisations rows name, by reference. */
  organizationIds: Map<string, string>;
  today: string;
}

export const indicatorReference = (figure: FigureRow): string => String(figure.indicator).trim();

/**
 * Refuses (FORBIDDEN, the whole push) rows of a reporter for indicators its organisation
 * does not own, or for another organisation. Coordinators and admins write any.
 */
export function refuseForeign(context: RowContext, figures: FigureRow[], named: string[]): void {
  const { identity, indicators, organizationIds } = context;
  if (hasRole(identity, 'coordinator', 'admin')) return;
  const foreign = [
    ...new Set(
      figures
        .map((f) => indicators.get(indicatorReference(f)))
        .filter((i) => i && !i.owners.includes(identity.org))
        .map((i) => i!.id),
    ),
  ];
  if (foreign.length > 0) throw forbidden(`${identity.org} does not own ${foreign.join(', ')}: only its owners report it`);
  const others = named.filter((o) => organizationIds.get(o) !== identity.org);
  if (others.length > 0) throw forbidden(`a reporter reports only for its own organisation, not "${others[0]}"`);
}

/** One row checked on its own: the prepared row, or its rejection. */
export function prepareFigure(context: RowContext, figure: FigureRow, index: number): PreparedRow | Rejection {
  const ref = figure.organization?.trim();
  let organizationId = context.identity.org;
  if (ref) {
    const id = context.organizationIds.get(ref);
    if (!id) return { index, field: 'organization', code: ErrorCode.NOT_FOUND, message: `no organisation "${ref.slice(0, 80)}"` };
    organizationId = id;
  }
  const prepared = prepareRow(index, figure, context.indicators.get(indicatorReference(figure)), organizationId);
  if (isRejection(prepared)) return prepared;
  return checkTiming(prepared, figure.reportedOn, context.today, hasRole(context.identity, 'coordinator', 'admin'));
}
