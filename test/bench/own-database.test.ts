/**
 * The bench makes a database of its own on DATABASE_URL's server and drops it after: with a
 * subgraph's own database configured, its figures would land there and stay, so it refuses
 * to run, naming the variable, before it starts anything.
 */
import { runBench } from '../../bench/run';
import { TEST_DB_PREFIX } from '../support/isolation';

it('refuses to run while a subgraph has a database URL of its own', async () => {
  const saved = process.env.TASKS_DATABASE_URL;
  // The bench reads the environment it runs in (its services are processes that inherit it).
  process.env.TASKS_DATABASE_URL = process.env.DATABASE_URL;
  try {
    await expect(
      runBench({ sections: ['scale'], full: false, databaseName: `${TEST_DB_PREFIX}_bench_own`, resultsDir: '/nonexistent' }),
    ).rejects.toThrow("the bench makes a database of its own on DATABASE_URL's server: unset TASKS_DATABASE_URL to run it");
  } finally {
    if (saved === undefined) delete process.env.TASKS_DATABASE_URL;
    else process.env.TASKS_DATABASE_URL = saved;
  }
});
