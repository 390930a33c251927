import type { SocketLimits } from './live-socket.ts';

/** The hub's timings and limits (tests and the benchmark may override them). */
export interface HubOptions {
  /** Pings this often; a socket that has not answered the previous ping is dropped. */
  heartbeatMs: number;
  /** A socket that follows nothing for this long is closed. */
  idleTimeoutMs: number;
  /** How often idle and stuck markers are re-evaluated. */
  sweepMs: number;
  /** How often this instance says it is alive (its learners' presence stays valid 3 beats). */
  beatMs: number;
  /** A channel's state nobody follows is kept this long, so a short drop can resume it. */
  keepMs: number;
  /** The live code mirror refreshes at most this often per learner. */
  draftThrottleMs: number;
  maxSubscriptions: number;
  /** Sockets being opened at once; those beyond are told to come back (see Admission). */
  maxPendingConnects: number;
  limits: SocketLimits;
}

/**
 * The heartbeat pings one slice of the sockets at a time: thousands at once would stall. A ping is
 * a write to the socket (about 20 µs); with 15,900 sockets a hundred slices held the event loop
 * 3 to 8 ms every 300 ms, a thousand hold it under a millisecond every 30 ms.
 */
export const HEARTBEAT_SLICES = 1_000;

export const DEFAULT_HUB_OPTIONS: HubOptions = {
  heartbeatMs: 30_000,
  idleTimeoutMs: 5 * 60_000,
  sweepMs: 10_000,
  beatMs: 30_000,
  keepMs: 60_000,
  draftThrottleMs: 1_000,
  maxSubscriptions: 32,
  maxPendingConnects: 200,
  limits: { sendBufferBytes: 512 * 1024, maxQueued: 5_000, slowTimeoutMs: 30_000 },
};
