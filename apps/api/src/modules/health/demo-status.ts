import { findDemoAccounts, type Db } from '@tremplin/db';

// Checking costs an argon2 verification: the answer is kept this long.
const KEEP_MS = 60_000;

/** Whether demo accounts with the public password exist, checked at most once a minute. */
export class DemoStatus {
  readonly #db: Db;
  #checked: { at: number; present: Promise<boolean> } | undefined;

  constructor(db: Db) {
    this.#db = db;
  }

  present(): Promise<boolean> {
    const now = performance.now();
    if (!this.#checked || now - this.#checked.at > KEEP_MS) {
      const present = findDemoAccounts(this.#db).then((accounts) => accounts.length > 0);
      // A failed check is not kept: the next request checks again.
      const checked = { at: now, present };
      present.catch(() => {
        if (this.#checked === checked) this.#checked = undefined;
      });
      this.#checked = checked;
    }
    return this.#checked.present;
  }
}
