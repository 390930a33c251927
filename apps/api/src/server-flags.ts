/**
 * The Node flags and the environment the API server runs with (`pnpm start`, `pnpm start:api`,
 * the Docker image, the systemd unit): a test keeps those places in step with these, and the
 * benchmarks start their server with them.
 *
 * `--max-semi-space-size=16`: V8 sizes the young generation from the machine's memory (64 MB
 * semi-spaces on a 24 GB machine). Loading the API's modules fills it, and it then stays
 * committed for the life of the process: 336 MB of RSS before the first request, against 209 MB
 * with 16 MB semi-spaces (measured on PostgreSQL; scavenges stay short either way).
 *
 * `--heap-growing-percent=50`: after each full collection V8 lets the old generation grow by half of
 * what survived before the next one. Left to itself it picks the factor from the allocation it
 * just measured: a quiet moment leaves 1.1, and a burst of activity that follows (a class starting
 * an exercise together) then reaches that limit within seconds, and again, each full collection
 * pausing the server for up to 25 ms with its sockets waiting. With 1.5, 2,000 actions a second
 * ran without one in every benchmark run, and the p99 met its target in the recorded runs of both
 * engines; the server holds the old generation's growth until then (at most half the heap more,
 * under 1 GB with 15,900 sockets: docs/performance.md, « Twelfth session »).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=16', '--heap-growing-percent=50'];

/**
 * `GLIBC_TUNABLES=glibc.malloc.mmap_threshold=131072`: glibc's malloc gives every allocation of
 * 128 KB or more a mapping of its own, returned to the system when it is freed. By default glibc
 * raises that threshold (up to 32 MB) each time such a block is freed, so that later large blocks
 * come from its arenas, which keep their pages once freed. Opening the embedded database compiles
 * PGlite's WebAssembly: V8 mallocs about 600 MB for it on its compiler threads and frees it all
 * within a second, and with the rising threshold some 55 MB of it stayed resident for the life
 * of the process (the embedded server ready at 328 MB of RSS, against 272 MB with the threshold
 * fixed; measured after a full collection). Ignored where the C library is not glibc.
 */
export const SERVER_ENVIRONMENT = { GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=131072' };
