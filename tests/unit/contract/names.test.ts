import { describe, expect, it } from 'vitest';
import { CALL_NAMES, calls } from '../../../src-shared/contract/calls';
import { EVENT_NAMES } from '../../../src-shared/contract/events';
import { CALL_CHANNELS, EVENT_CHANNELS } from '../../../src-shared/contract/names';

describe('contract names', () => {
  it('the preload channel lists equal the contract', () => {
    expect([...CALL_CHANNELS].sort()).toEqual([...CALL_NAMES].sort());
    expect([...EVENT_CHANNELS].sort()).toEqual([...EVENT_NAMES].sort());
  });

  it('names follow feature:verb / feature:noun', () => {
    for (const name of [...CALL_NAMES, ...EVENT_NAMES]) expect(name).toMatch(/^[a-z]+:[a-z][A-Za-z]*$/);
  });

  it('every call has an input and an output schema', () => {
    for (const name of CALL_NAMES) {
      expect(typeof calls[name].input.safeParse).toBe('function');
      expect(typeof calls[name].output.safeParse).toBe('function');
    }
  });
});
