/**
 * The live endpoint's door: at most `maxPending` sockets are being opened (authenticated, their
 * state read) at once. When the whole programme reconnects after an outage, those beyond wait
 * outside instead of piling up on the server: they are told when to come back (`Retry-After`),
 * from the pace at which this instance has been opening sockets, and their clients add jitter.
 */
export class Admission {
  readonly #maxPending: number;
  readonly #now: () => number;
  #pending = 0;
  /** Sockets opened in the current and previous second, for the pace. */
  #opened = 0;
  #openedBefore = 0;
  #second = 0;
  deferred = 0;

  constructor(maxPending: number, now: () => number = Date.now) {
    this.#maxPending = maxPending;
    this.#now = now;
  }

  get pending(): number {
    return this.#pending;
  }

  /**
   * Lets one more socket in, answering the function that lets it out (once, whatever happens), or
   * refuses it, answering in how many seconds to come back.
   */
  enter(): { leave: () => void } | { retryAfterSeconds: number } {
    if (this.#pending >= this.#maxPending) {
      this.deferred += 1;
      return { retryAfterSeconds: this.#wait() };
    }
    this.#pending += 1;
    let left = false;
    return {
      leave: () => {
        if (left) return;
        left = true;
        this.#pending -= 1;
        this.#count();
      },
    };
  }

  #count(): void {
    this.#roll();
    this.#opened += 1;
  }

  #roll(): void {
    const second = Math.floor(this.#now() / 1000);
    if (second === this.#second) return;
    this.#openedBefore = second === this.#second + 1 ? this.#opened : 0;
    this.#opened = 0;
    this.#second = second;
  }

  /** Seconds until the sockets waiting now are likely through, at the recent pace (1 to 30). */
  #wait(): number {
    this.#roll();
    const pace = Math.max(this.#opened, this.#openedBefore, 1);
    return Math.min(30, Math.max(1, Math.ceil(this.#pending / pace)));
  }
}
