import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { minuteur } from './minuteur';

describe('minuteur', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('sonne au bout du temps, pas avant', () => {
    const surFin = jest.fn();
    minuteur(3, () => {}, surFin);
    jest.advanceTimersByTime(2999);
    expect(surFin).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(surFin).toHaveBeenCalledTimes(1);
  });

  it('annonce les secondes restantes', () => {
    const surTic = jest.fn();
    minuteur(3, surTic, () => {});
    jest.advanceTimersByTime(3000);
    expect(surTic.mock.calls).toEqual([[2], [1]]);
  });

  it('arreter() annule le minuteur', () => {
    const surFin = jest.fn();
    const arreter = minuteur(5, () => {}, surFin);
    jest.advanceTimersByTime(2000);
    arreter();
    jest.runAllTimers();
    expect(surFin).not.toHaveBeenCalled();
  });
});
