// The limiter: never more calls in flight than the cap, never more starts per second than the
// rate, first come first served, and both limits read live.
import { expect, it } from 'vitest';
import { createLimiter } from '../../../server/faces/rekognition/limiter.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('holds calls in flight to the cap, in arrival order', async () => {
  const limiter = createLimiter({ cap: () => 3, tps: () => 1000 });
  let now = 0;
  let max = 0;
  const order: number[] = [];
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      limiter.run(async () => {
        order.push(i);
        max = Math.max(max, ++now);
        await sleep(5 + (i % 3) * 5);
        now--;
      }),
    ),
  );
  expect(max).toBe(3);
  expect(limiter.maxInFlight()).toBe(3);
  expect(order).toEqual([...Array(20).keys()]);
  expect(limiter.inFlight()).toBe(0);
});

it('starts no more calls in any one second than the rate', async () => {
  const limiter = createLimiter({ cap: () => 50, tps: () => 10 });
  const starts: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 25 }, () =>
      limiter.run(async () => {
        starts.push(performance.now() - t0);
      }),
    ),
  );
  // 10 at once, 10 a second later, 5 a second after that.
  expect(starts.filter((t) => t < 50)).toHaveLength(10);
  expect(starts[24]!).toBeGreaterThan(1950);
  expect(starts[24]!).toBeLessThan(3000);
  for (const s of starts) expect(starts.filter((t) => t >= s && t < s + 1000).length).toBeLessThanOrEqual(10);
});

it('applies a new cap and a new rate live', async () => {
  let cap = 1;
  let tps = 1000;
  const limiter = createLimiter({ cap: () => cap, tps: () => tps });
  let now = 0;
  let max = 0;
  const release: (() => void)[] = [];
  const calls = Array.from({ length: 6 }, () =>
    limiter.run(async () => {
      max = Math.max(max, ++now);
      await new Promise<void>((r) => release.push(r));
      now--;
    }),
  );
  await sleep(20);
  expect(limiter.inFlight()).toBe(1);
  expect(limiter.waiting()).toBe(5);
  cap = 4;
  limiter.poke();
  await sleep(20);
  expect(limiter.inFlight()).toBe(4);
  cap = 2; // lowered: no new start until in flight is under 2
  release.splice(0).forEach((r) => r());
  await sleep(20);
  expect(limiter.inFlight()).toBe(2);
  release.splice(0).forEach((r) => r());
  await sleep(20);
  release.splice(0).forEach((r) => r());
  await Promise.all(calls);
  expect(max).toBe(4);
  tps = 1; // lowered: one start, then the next waits out the second
  await sleep(1000);
  const t0 = performance.now();
  await limiter.run(async () => undefined);
  await limiter.run(async () => undefined);
  expect(performance.now() - t0).toBeGreaterThan(900);
});

it('frees the slot when a call throws', async () => {
  const limiter = createLimiter({ cap: () => 1, tps: () => 1000 });
  await expect(
    limiter.run(async () => {
      throw new Error('boom');
    }),
  ).rejects.toThrow('boom');
  expect(limiter.inFlight()).toBe(0);
  expect(await limiter.run(async () => 'next')).toBe('next');
});
