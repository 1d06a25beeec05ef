import { notFound } from '../../../lib/errors';
import type { IndicatorContext } from '../context';

/** The id of the organisation an argument names (id, name or alias); NOT_FOUND when none. */
export async function organizationIdArgument(context: IndicatorContext, reference: string): Promise<string> {
  const found = (await context.organizations.resolve([reference.trim()])).get(reference.trim());
  if (!found) throw notFound('organization', reference.slice(0, 80));
  return found;
}
