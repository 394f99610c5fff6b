// The wall's order of photos: newest first and round again, arrivals jump the queue, photos
// that leave the wall are never shown again.
import { describe, expect, it } from 'vitest';
import { emptyQueue, next, withPoll, type SlideQueue } from '../../../renderer/wall/slide-queue.js';

/** Shows `count` photos in a row from `q`, starting after `current`. */
function play(q: SlideQueue, current: string | null, count: number) {
  const shown: (string | null)[] = [];
  for (let i = 0; i < count; i++) {
    const step = next(q, current);
    q = step.queue;
    current = step.id;
    shown.push(current);
  }
  return { shown, q, current };
}

describe('slide queue', () => {
  it('shows nothing on an empty wall, and the only photo again and again', () => {
    expect(next(emptyQueue(), null).id).toBeNull();
    expect(play(withPoll(emptyQueue(), ['a']), null, 3).shown).toEqual(['a', 'a', 'a']);
  });

  it('goes newest first, then round again', () => {
    expect(play(withPoll(emptyQueue(), ['c', 'b', 'a']), null, 7).shown).toEqual(['c', 'b', 'a', 'c', 'b', 'a', 'c']);
  });

  it('puts a new approval next, then carries on where it was', () => {
    const { q, current } = play(withPoll(emptyQueue(), ['c', 'b', 'a']), null, 1); // showing c
    expect(play(withPoll(q, ['d', 'c', 'b', 'a']), current, 4).shown).toEqual(['d', 'b', 'a', 'd']);
  });

  it('drops a photo that left the wall', () => {
    const { q, current } = play(withPoll(emptyQueue(), ['c', 'b', 'a']), null, 1);
    expect(play(withPoll(q, ['c', 'a']), current, 3).shown).toEqual(['a', 'c', 'a']);
    expect(next(withPoll(q, []), current).id).toBeNull();
  });
});
