import { describe, expect, it } from 'vitest';
import {
  admit,
  capHit,
  closeView,
  effectiveCap,
  emptySlots,
  openView,
  promote,
  queuePosition,
  release,
  reorder,
  setUserCap,
  viewCapHit,
} from '../../../src-main/recorder/slot-machine';

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

describe('slot machine: the live view', () => {
  const recording = (cap: number, names: string[]) => admit(emptySlots(cap), names).state;

  it('a view gets a slot only when recordings leave one free, and replaces the previous view', () => {
    const s = recording(3, ['AAA', 'BBB']);
    const a = openView(s, 'XXX');
    expect(a.state.view).toBe('XXX');
    expect(openView(a.state, 'YYY').state.view).toBe('YYY');
    const full = openView(recording(2, ['AAA', 'BBB']), 'XXX');
    expect(full.state.view).toBeNull();
    // A recorded or queued name never becomes a view.
    expect(openView(s, 'AAA').state.view).toBeNull();
    expect(closeView(a.state).state.view).toBeNull();
  });

  it('a recording that needs the last slot preempts the view; one that fits leaves it alone', () => {
    const s = openView(recording(3, ['AAA']), 'XXX').state;
    const fits = admit(s, ['BBB']);
    expect(fits).toMatchObject({ start: ['BBB'], state: { view: 'XXX' } });
    expect(fits.preempted).toBeUndefined();
    const needs = admit(fits.state, ['CCC', 'DDD']);
    expect(needs).toMatchObject({ start: ['CCC'], preempted: 'XXX', state: { view: null, queue: ['DDD'] } });
  });

  it('recording the viewed name takes over the view slot directly, without preemption', () => {
    const s = openView(recording(2, ['AAA']), 'XXX').state;
    const t = admit(s, ['BBB', 'XXX']);
    expect(t.start).toEqual(['XXX']);
    expect(t.preempted).toBeUndefined();
    expect(t.state).toMatchObject({ active: ['AAA', 'XXX'], queue: ['BBB'], view: null });
  });

  it('309 for a recording counts the view as a running stream, and the recording wins the slot back', () => {
    const s = openView(recording(5, ['AAA', 'BBB', 'CCC']), 'XXX').state;
    const t = capHit(s, 'CCC');
    expect(t.state.ibCap).toBe(3);
    expect(t).toMatchObject({ start: ['CCC'], preempted: 'XXX', state: { active: ['AAA', 'BBB', 'CCC'], view: null } });
  });

  it('309 for the view learns the cap from the recordings alone', () => {
    const s = openView(recording(5, ['AAA', 'BBB']), 'XXX').state;
    const t = viewCapHit(s);
    expect(t.state).toMatchObject({ ibCap: 2, view: null, active: ['AAA', 'BBB'] });
    expect(effectiveCap(t.state)).toBe(2);
    expect(t.state.capReason).toMatch(/IB allows 2 depth streams/);
  });

  it('a lower user cap that leaves no room closes the view but never a recording', () => {
    const s = openView(recording(3, ['AAA', 'BBB']), 'XXX').state;
    const t = setUserCap(s, 1);
    expect(t).toMatchObject({ start: [], preempted: 'XXX', state: { active: ['AAA', 'BBB'], view: null } });
    expect(release(openView(recording(3, ['AAA']), 'XXX').state, 'AAA').state.view).toBe('XXX');
  });
});
