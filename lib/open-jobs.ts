/**
 * The words of the refusal of a file of figures while its organisation has MAX_OPEN_JOBS
 * files not yet done: the hub's (POST /figures/bulk, 429) and `ipzone import`'s, which asks
 * GET /figures/bulk first rather than send a large file whole only to be refused.
 */
export const openJobsFull = (organization: string, max: number): string =>
  `${organization} has ${max} files of figures not yet done (MAX_OPEN_JOBS; GET /figures/bulk lists them): send this one when one of them is`;
