import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Orm, openOrm } from '../../db/orm.ts';
import { RateLimiter } from '../../gateway/rate-limit.ts';
import { TEST_DATABASE_URL } from '../support/env.ts';

let orm: Orm;
beforeAll(async () => {
  orm = await openOrm(TEST_DATABASE_URL, 2);
});
afterAll(async () => {
  await orm?.close();
});

/** Hits `count` times at `at` (ms); returns how many were refused and the last refusal's Retry-After. */
async function hits(limiter: RateLimiter, subject: string, count: number) {
  let refused = 0;
  let retryAfter: number | undefined;
  for (let i = 0; i < count; i++) {
    try {
      await limiter.hit({ name: 'requests', max: 20, windowSeconds: 60 }, subject);
    } catch (error) {
      refused += 1;
      retryAfter = (error as { extensions: { retryAfterSeconds: number } }).extensions.retryAfterSeconds;
    }
  }
  return { refused, retryAfter };
}

describe('the request rate limiter', () => {
  it('counts the last minute, not the clock minute: a burst across a boundary gets no fresh budget', async () => {
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    let now = minute + 59_000;
    const limiter = new RateLimiter(orm, () => now);
    const subject = `user:${randomUUID()}`;
    expect(await hits(limiter, subject, 20)).toEqual({ refused: 0, retryAfter: undefined });
    // Two seconds later a new window has begun; a fixed window would allow 20 more.
    now = minute + 61_000;
    const blocked = await hits(limiter, subject, 1);
    expect(blocked.refused).toBe(1);
    expect(blocked.retryAfter).toBeGreaterThan(0);
    expect(blocked.retryAfter).toBeLessThanOrEqual(59);
    // Once the earlier burst has slid out of the last minute, requests pass again.
    now = minute + 60_000 + 59_500;
    expect((await hits(limiter, subject, 15)).refused).toBe(0);
  });

  it('keeps budgets per subject', async () => {
    const limiter = new RateLimiter(orm);
    const flooder = `user:${randomUUID()}`;
    expect((await hits(limiter, flooder, 25)).refused).toBeGreaterThanOrEqual(5);
    expect((await hits(limiter, `user:${randomUUID()}`, 20)).refused).toBe(0);
  });
});
