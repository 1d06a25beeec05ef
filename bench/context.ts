/** What every bench section is given: the hub started in the bench's process, its database, and the run's settings. */
import type { Hub } from '../hub';

export interface BenchContext {
  hub: Hub;
  databaseUrl: string;
  /** `--full`: longer rounds, more of them, and the largest sizes. */
  full: boolean;
  /** How many rounds each aim is judged over (rounds.ts). */
  rounds: number;
  /** Cold-start samples: each a start on a fresh data folder, then one on the folder it left. */
  coldStartSamples: number;
}
