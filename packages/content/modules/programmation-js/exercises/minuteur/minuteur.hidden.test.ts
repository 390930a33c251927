import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { minuteur } from './minuteur';

describe('minuteur (cas cachés)', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('0 seconde : sonne tout de suite', () => {
    const surTic = jest.fn();
    const surFin = jest.fn();
    minuteur(0, surTic, surFin);
    expect(surFin).toHaveBeenCalledTimes(1);
    expect(surTic).not.toHaveBeenCalled();
  });

  it('plus rien ne se passe après la fin', () => {
    const surTic = jest.fn();
    const surFin = jest.fn();
    minuteur(2, surTic, surFin);
    jest.advanceTimersByTime(60_000);
    expect(surTic).toHaveBeenCalledTimes(1);
    expect(surFin).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('deux minuteurs sont indépendants', () => {
    const court = jest.fn();
    const long = jest.fn();
    minuteur(1, () => {}, court);
    minuteur(4, () => {}, long);
    jest.advanceTimersByTime(1000);
    expect(court).toHaveBeenCalledTimes(1);
    expect(long).not.toHaveBeenCalled();
    jest.advanceTimersByTime(3000);
    expect(long).toHaveBeenCalledTimes(1);
  });
});
