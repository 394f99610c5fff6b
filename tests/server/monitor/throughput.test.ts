// The rate and time left, on a fake clock: measured only while there is work, so a batch that
// takes a minute is said to take about a minute, not 19.
import { describe, expect, it } from 'vitest';
import { createEventThroughput, createThroughput } from '../../../server/monitor/throughput.js';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('throughput', () => {
  it('has no estimate until a few photos are done, then the recent rate', () => {
    const c = clock();
    const tp = createThroughput({ now: c.now });
    expect(tp.etaSeconds(20)).toBeNull();
    c.advance(3000);
    tp.record(); // the first photo of the batch: one completion says nothing of the rate
    expect(tp.perMinuteOrNull()).toBeNull();
    expect(tp.etaSeconds(19)).toBeNull();
    c.advance(3000);
    tp.record();
    expect(tp.etaSeconds(18)).toBeNull(); // two: still too few
    c.advance(3000);
    tp.record();
    expect(tp.perMinuteOrNull()).toBeCloseTo(20, 5); // one photo every 3 s
    expect(tp.etaSeconds(17)).toBe(51);
  });

  it('says about a minute for a 20-photo batch at 3 s a photo, not 19 minutes', () => {
    const c = clock();
    const tp = createThroughput({ now: c.now });
    const etas: number[] = [];
    for (let left = 20; left > 0;) {
      c.advance(3000);
      tp.record();
      left--;
      const eta = tp.etaSeconds(left);
      if (eta !== null) etas.push(eta);
    }
    expect(etas.length).toBeGreaterThan(10);
    expect(Math.max(...etas)).toBeLessThanOrEqual(60);
    expect(etas.at(-1)).toBe(0);
  });

  it('does not count idle time between two batches', () => {
    const c = clock();
    const tp = createThroughput({ now: c.now });
    for (let i = 0; i < 5; i++) {
      c.advance(2000);
      tp.record();
    }
    expect(tp.etaSeconds(0)).toBe(0); // the queue emptied
    c.advance(45_000); // idle, then a new batch at the same pace
    for (let i = 0; i < 3; i++) {
      c.advance(2000);
      tp.record();
    }
    expect(tp.perMinuteOrNull()).toBeCloseTo(30, 5);
    expect(tp.etaSeconds(10)).toBe(20);
  });

  it('starts a new run after a long silence even when nobody asked in between', () => {
    const c = clock();
    const tp = createThroughput({ now: c.now, idleGapMs: 30_000, windowMs: 120_000 });
    for (let i = 0; i < 4; i++) {
      c.advance(1000);
      tp.record();
    }
    c.advance(50_000);
    tp.record();
    expect(tp.perMinuteOrNull()).toBeNull(); // one completion of the new run
  });

  it('slows the estimate down while the next photo is overdue', () => {
    const c = clock();
    const tp = createThroughput({ now: c.now });
    for (let i = 0; i < 4; i++) {
      c.advance(1000);
      tp.record();
    }
    expect(tp.etaSeconds(10)).toBe(10);
    c.advance(10_000); // nothing for 10 s
    expect(tp.etaSeconds(10)!).toBeGreaterThan(30);
  });

  it('forgets completions older than its window', () => {
    const c = clock();
    const tp = createThroughput({ now: c.now, windowMs: 10_000, idleGapMs: 60_000 });
    for (let i = 0; i < 5; i++) {
      c.advance(1000);
      tp.record();
    }
    c.advance(20_000);
    expect(tp.perMinuteOrNull()).toBeNull();
    expect(tp.perMinute()).toBe(0);
  });

  it('keeps one estimate per event', () => {
    const c = clock();
    const events = createEventThroughput({ now: c.now });
    for (let i = 0; i < 4; i++) {
      c.advance(2000);
      events.record('a');
    }
    expect(events.figures('a', 6)).toEqual({ photosPerMinute: 30, etaSeconds: 12 });
    expect(events.figures('b', 6)).toEqual({ photosPerMinute: null, etaSeconds: null });
    expect(events.figures('b', 0)).toEqual({ photosPerMinute: 0, etaSeconds: 0 });
  });
});
