import { describe, expect, it } from 'vitest';
import { admit, capHit, effectiveCap, emptySlots, promote, queuePosition, release, reorder, setUserCap } from '../../../src-main/recorder/slot-machine';

const seven = ['AAA', 'BBB', 'CCC', 'DDD', 'EEE', 'FFF', 'GGG'];

describe('slot machine', () => {
  it('fills up to the cap and queues the rest in selection order', () => {
    const t = admit(emptySlots(5), seven);
    expect(t.start).toEqual(['AAA', 'BBB', 'CCC', 'DDD', 'EEE']);
    expect(t.state.queue).toEqual(['FFF', 'GGG']);
    expect(queuePosition(t.state, 'GGG')).toBe(2);
    expect(queuePosition(t.state, 'AAA')).toBeNull();
  });

  it('ignores names it already holds', () => {
    const a = admit(emptySlots(2), ['AAA', 'BBB', 'CCC']).state;
    const b = admit(a, ['CCC', 'AAA', 'DDD']);
    expect(b.start).toEqual([]);
    expect(b.state.queue).toEqual(['CCC', 'DDD']);
  });

  it('promotes the queue head when a slot frees, in FIFO order', () => {
    let s = admit(emptySlots(2), ['AAA', 'BBB', 'CCC', 'DDD']).state;
    const t1 = release(s, 'AAA');
    expect(t1.start).toEqual(['CCC']);
    s = t1.state;
    const t2 = release(s, 'CCC');
    expect(t2.start).toEqual(['DDD']);
    expect(t2.state.active).toEqual(['BBB', 'DDD']);
    expect(t2.state.queue).toEqual([]);
  });

  it('releasing a queued name only removes it from the queue', () => {
    const s = admit(emptySlots(1), ['AAA', 'BBB', 'CCC']).state;
    const t = release(s, 'BBB');
    expect(t.start).toEqual([]);
    expect(t.state.queue).toEqual(['CCC']);
  });

  it('on 309 lowers the IB cap to the streams still running and re-queues the name at the head', () => {
    const s = admit(emptySlots(5), seven).state;
    const t = capHit(s, 'DDD');
    expect(t.state.ibCap).toBe(4);
    expect(t.start).toEqual([]);
    expect(t.state.queue).toEqual(['DDD', 'FFF', 'GGG']);
    expect(t.state.capReason).toMatch(/IB allows 4 depth streams on this account/);
    // a second 309 in the same burst keeps selection order behind the first re-queued name
    const t2 = capHit(t.state, 'EEE', ['DDD']);
    expect(t2.state.ibCap).toBe(3);
    expect(t2.state.active).toEqual(['AAA', 'BBB', 'CCC']);
    expect(t2.state.queue).toEqual(['DDD', 'EEE', 'FFF', 'GGG']);
    expect(effectiveCap(t2.state)).toBe(3);
    // a freed slot goes to the re-queued head
    expect(release(t2.state, 'BBB').start).toEqual(['DDD']);
  });

  it('a 309 for a name without a slot changes nothing', () => {
    const s = admit(emptySlots(1), ['AAA', 'BBB']).state;
    expect(capHit(s, 'BBB').state).toBe(s);
  });

  it('promote moves a queued name to the head and starts it when a slot is free', () => {
    let s = admit(emptySlots(2), ['AAA', 'BBB', 'CCC', 'DDD', 'EEE']).state;
    const t = promote(s, 'EEE');
    expect(t.start).toEqual([]);
    expect(t.state.queue).toEqual(['EEE', 'CCC', 'DDD']);
    s = release(t.state, 'AAA').state;
    expect(s.active).toEqual(['BBB', 'EEE']);
    expect(promote(s, 'AAA').state).toBe(s);
  });

  it('reorder puts listed names first and keeps the rest in order', () => {
    const s = admit(emptySlots(1), ['AAA', 'BBB', 'CCC', 'DDD', 'EEE']).state;
    const t = reorder(s, ['EEE', 'ZZZ', 'CCC', 'EEE']);
    expect(t.state.queue).toEqual(['EEE', 'CCC', 'BBB', 'DDD']);
  });

  it('raising the user cap fills slots; lowering it never stops running streams', () => {
    const s = admit(emptySlots(2), ['AAA', 'BBB', 'CCC', 'DDD']).state;
    const up = setUserCap(s, 3);
    expect(up.start).toEqual(['CCC']);
    const down = setUserCap(up.state, 1);
    expect(down.state.active).toEqual(['AAA', 'BBB', 'CCC']);
    expect(release(down.state, 'AAA').start).toEqual([]);
  });
});
