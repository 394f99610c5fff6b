// Per-event readers-writer locks: photos of an event share, a selfie is alone, arrival order is
// kept, other events are not held up.
import { expect, it } from 'vitest';
import { createEventLocks } from '../../../server/pipeline/event-locks.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('lets readers share, keeps a writer alone and serves in arrival order', async () => {
  const locks = createEventLocks();
  const log: string[] = [];
  const task = (name: string, ms: number) => async () => {
    log.push(`+${name}`);
    await sleep(ms);
    log.push(`-${name}`);
  };
  await Promise.all([
    locks.shared('e1', task('p1', 30)),
    locks.shared('e1', task('p2', 30)),
    locks.exclusive('e1', task('s1', 10)),
    locks.shared('e1', task('p3', 10)), // arrived after the selfie: waits for it
    locks.exclusive('e2', task('other', 5)), // another event: not held up
  ]);
  expect(log.slice(0, 3).sort()).toEqual(['+other', '+p1', '+p2']);
  expect(log.indexOf('+s1')).toBeGreaterThan(Math.max(log.indexOf('-p1'), log.indexOf('-p2')));
  expect(log.indexOf('+p3')).toBeGreaterThan(log.indexOf('-s1'));
});

it('releases the lock when the holder throws', async () => {
  const locks = createEventLocks();
  await expect(
    locks.exclusive('e', async () => {
      throw new Error('boom');
    }),
  ).rejects.toThrow('boom');
  expect(await locks.shared('e', async () => 'free')).toBe('free');
});
