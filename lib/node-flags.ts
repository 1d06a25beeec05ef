/**
 * The V8 flags every service process runs with: the image's ENTRYPOINT, `npm start`, and
 * the service processes the bench and the tests start (a test checks each carries them
 * and that the Node.js running the suite accepts them). They bound the garbage a large
 * file leaves between two collections, without a heap limit a request could run into:
 *
 * - `--max-semi-space-size=16`: the young generation keeps the 2 × 16 MB Node.js 20 and 22
 *   give it; Node.js 24 sizes it from the machine's memory (2 × 64 MB on 24 GiB), and the
 *   parse of a large file fills all of it.
 * - `--heap-growing-percent=50`: a full collection runs once the old generation has grown
 *   to 1.5 times what survived the last one, instead of a factor V8 picks up to 4; the
 *   records of a file's batches, promoted while the batch waits on the database, are freed
 *   sooner. A trigger, not a limit: a heap that needs more still grows.
 *
 * docs/benchmarks.md gives the effect on a file of 100 k and 1 M figures.
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=16', '--heap-growing-percent=50'];
