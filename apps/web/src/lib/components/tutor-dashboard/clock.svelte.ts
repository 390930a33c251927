// A shared ticking clock for waiting times: one interval for every reader, stopped when nobody reads.
import { createSubscriber } from 'svelte/reactivity';

let now = Date.now();
const subscribe = createSubscriber((update) => {
  now = Date.now();
  const timer = setInterval(() => {
    now = Date.now();
    update();
  }, 1000);
  return () => clearInterval(timer);
});

/** The current time (ms), re-read every second by effects and templates that use it. */
export function nowMs(): number {
  subscribe();
  return now;
}
