/**
 * The Node flags the API server runs with (`pnpm start`, `pnpm start:api`, the Docker image): a
 * test keeps those places in step with this list, and the benchmarks start their server with it.
 *
 * `--max-semi-space-size=16`: V8 sizes the young generation from the machine's memory (64 MB
 * semi-spaces on a 24 GB machine). Loading the API's modules fills it, and it then stays
 * committed for the life of the process: 336 MB of RSS before the first request, against 209 MB
 * with 16 MB semi-spaces (measured on PostgreSQL; scavenges stay short either way).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=16'];
