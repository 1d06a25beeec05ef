/** A clock a test holds: the hub's time stands where the test puts it, and moves when the test moves it. */
import type { Clock } from '../../lib/clock';

export interface HeldClock extends Clock {
  /** Moves the clock on by `ms` milliseconds. */
  advance(ms: number): void;
}

export function heldClock(at: string): HeldClock {
  let time = Date.parse(at);
  if (Number.isNaN(time)) throw new Error(`heldClock: ${at} is not a time`);
  return {
    now: () => new Date(time),
    advance: (ms) => {
      time += ms;
    },
  };
}
