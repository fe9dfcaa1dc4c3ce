import { describe, expect, it } from 'vitest';
import { RecentConversations } from '../../../src/conversations/recent-conversations.js';

describe('RecentConversations', () => {
  it('is fresh until the time to live has passed', () => {
    const recent = new RecentConversations(1_000);
    expect(recent.isFresh('a', 0)).toBe(false);
    recent.remember('a', 0);
    expect(recent.isFresh('a', 999)).toBe(true);
    expect(recent.isFresh('a', 1_000)).toBe(false);
  });

  it('forgets the oldest conversation beyond its size', () => {
    const recent = new RecentConversations(1_000, 2);
    recent.remember('a', 0);
    recent.remember('b', 1);
    recent.remember('a', 2);
    recent.remember('c', 3);
    expect(recent.isFresh('b', 4)).toBe(false);
    expect(recent.isFresh('a', 4)).toBe(true);
    expect(recent.isFresh('c', 4)).toBe(true);
  });
});
