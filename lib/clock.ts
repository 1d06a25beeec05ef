/**
 * The time a service goes by: entry windows, exceptions in force, the day a push is
 * checked against, and the day reminders are scanned for. The system's clock in a running
 * hub; one a test holds and moves (startHub's `clock`), so that a window closing or an
 * exception ending is a step of the clock, not a wait.
 */
import { todayUtc } from './period';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The clock's day, YYYY-MM-DD in UTC. */
export const today = (clock: Clock): string => todayUtc(clock.now());
