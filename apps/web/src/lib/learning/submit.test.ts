import { describe, expect, it, vi } from 'vitest';
import { createSubmitter, isRepeatClick } from './submit.ts';

class Transient extends Error {}

function setup(responses: Array<'ok' | 'transient' | 'fatal'>) {
  let n = 0;
  const keys: string[] = [];
  const send = vi.fn(async (key: string, payload: { code: string }) => {
    keys.push(key);
    const response = responses[n++] ?? 'ok';
    await Promise.resolve();
    if (response === 'transient') throw new Transient('network');
    if (response === 'fatal') throw new Error('413');
    return { id: `sub-${n}`, key, payload };
  });
  let counter = 0;
  const submitter = createSubmitter(send, {
    newKey: () => `key-${++counter}`,
    isTransient: (e) => e instanceof Transient,
    retries: 2,
    sleep: async () => {},
  });
  return { submitter, send, keys };
}

describe('idempotent submit', () => {
  it('sends one request for a double click and gives both callers the same result', async () => {
    const { submitter, send } = setup(['ok']);
    const first = submitter.submit({ code: 'a' });
    const second = submitter.submit({ code: 'a' });
    expect(submitter.pending).toBe(true);
    expect(second).toBe(first);
    await expect(first).resolves.toMatchObject({ id: 'sub-1', key: 'key-1' });
    expect(send).toHaveBeenCalledTimes(1);
    expect(submitter.pending).toBe(false);
  });

  it('uses a new key for each new attempt once the previous one was accepted', async () => {
    const { submitter, keys } = setup(['ok', 'ok']);
    await submitter.submit({ code: 'a' });
    await submitter.submit({ code: 'a' });
    expect(keys).toEqual(['key-1', 'key-2']);
  });

  it('retries a transient failure automatically with the same key', async () => {
    const { submitter, keys } = setup(['transient', 'transient', 'ok']);
    await expect(submitter.submit({ code: 'a' })).resolves.toMatchObject({ key: 'key-1' });
    expect(keys).toEqual(['key-1', 'key-1', 'key-1']);
  });

  it('keeps the key after giving up, so that clicking again cannot create a second submission', async () => {
    const { submitter, keys } = setup(['transient', 'transient', 'transient', 'ok']);
    await expect(submitter.submit({ code: 'a' })).rejects.toBeInstanceOf(Transient);
    expect(submitter.currentKey).toBe('key-1');
    await expect(submitter.submit({ code: 'a' })).resolves.toMatchObject({ key: 'key-1' });
    expect(keys).toEqual(['key-1', 'key-1', 'key-1', 'key-1']);
    expect(submitter.currentKey).toBeNull();
  });

  it('starts a new attempt when the payload changed after a failure', async () => {
    const { submitter, keys } = setup(['transient', 'transient', 'transient', 'ok']);
    await expect(submitter.submit({ code: 'a' })).rejects.toBeInstanceOf(Transient);
    await submitter.submit({ code: 'b' });
    expect(keys.at(-1)).toBe('key-2');
  });

  it('does not retry a definitive refusal, and the next click is a new attempt', async () => {
    const { submitter, keys, send } = setup(['fatal', 'ok']);
    await expect(submitter.submit({ code: 'a' })).rejects.toThrow('413');
    expect(send).toHaveBeenCalledTimes(1);
    await submitter.submit({ code: 'a' });
    expect(keys).toEqual(['key-1', 'key-2']);
  });

  it('uses crypto.randomUUID by default', async () => {
    const send = vi.fn(async (key: string) => key);
    const key = await createSubmitter(send).submit({});
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('the clicks of a submit button', () => {
  it('ignores the second and later clicks of a double click, never a single click or a key', () => {
    expect(isRepeatClick({ detail: 1 })).toBe(false);
    // A button activated with Enter or Space fires a click with no count.
    expect(isRepeatClick({ detail: 0 })).toBe(false);
    expect(isRepeatClick({ detail: 2 })).toBe(true);
    expect(isRepeatClick({ detail: 3 })).toBe(true);
  });
});
