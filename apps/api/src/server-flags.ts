/**
 * The Node flags and the environment the API server runs with (`pnpm start`, `pnpm start:api`,
 * the Docker image, the systemd unit): a test keeps those places in step with these, and the
 * benchmarks start their server with them.
 *
 * `--max-semi-space-size=16`: V8 sizes the young generation from the machine's memory (64 MB
 * semi-spaces on a 24 GB machine). Loading the API's modules fills it, and it then stays
 * committed for the life of the process: 336 MB of RSS before the first request, against 209 MB
 * with 16 MB semi-spaces (measured on PostgreSQL; scavenges stay short either way).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=16'];

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
