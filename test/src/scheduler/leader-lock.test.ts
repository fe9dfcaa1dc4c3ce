import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { acquireLease, LeaderLock, releaseLease } from '../../../src/scheduler/leader-lock.js';
import { newId } from '../../../src/shared/ids.js';
import { describeStores, testStore } from '../../support/store.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeStores('leader lock', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await testStore(kind);
  });

  it('gives a lease to one holder, renews it for that holder, and refuses others', async () => {
    const name = `lease-${newId()}`;
    expect(await acquireLease(store.db, name, 'a', 60_000)).toBe(true);
    expect(await acquireLease(store.db, name, 'b', 60_000)).toBe(false);
    expect(await acquireLease(store.db, name, 'a', 60_000)).toBe(true);
  });

  it('lets another holder take a lease that ran out', async () => {
    const name = `lease-${newId()}`;
    expect(await acquireLease(store.db, name, 'a', 100)).toBe(true);
    await sleep(200);
    expect(await acquireLease(store.db, name, 'b', 60_000)).toBe(true);
    expect(await acquireLease(store.db, name, 'a', 60_000)).toBe(false);
  });

  it('lets another holder in at once when the holder releases', async () => {
    const name = `lease-${newId()}`;
    expect(await acquireLease(store.db, name, 'a', 60_000)).toBe(true);
    await releaseLease(store.db, name, 'b');
    expect(await acquireLease(store.db, name, 'b', 60_000)).toBe(false);
    await releaseLease(store.db, name, 'a');
    expect(await acquireLease(store.db, name, 'b', 60_000)).toBe(true);
  });

  it('elects exactly one of two copies, and hands over at once when the leader stops', async () => {
    const name = `scheduler-${newId()}`;
    const a = new LeaderLock(store.db, { name, ttlMs: 1_000, renewMs: 100 });
    const b = new LeaderLock(store.db, { name, ttlMs: 1_000, renewMs: 100 });
    const changes: string[] = [];
    b.onChange((leader) => changes.push(`b:${leader}`));
    await a.start();
    await b.start();
    await sleep(250);
    expect([a.isLeader(), b.isLeader()]).toEqual([true, false]);
    await a.stop();
    await sleep(150);
    expect([a.isLeader(), b.isLeader()]).toEqual([false, true]);
    await b.stop();
    expect(changes).toEqual(['b:true', 'b:false']);
  });

  it('takes over from a leader that died without releasing, once its lease runs out', async () => {
    const name = `scheduler-${newId()}`;
    expect(await acquireLease(store.db, name, 'dead-copy', 1_000)).toBe(true);
    const b = new LeaderLock(store.db, { name, ttlMs: 1_000, renewMs: 100 });
    await b.start();
    expect(b.isLeader()).toBe(false);
    await sleep(1_300);
    expect(b.isLeader()).toBe(true);
    await b.stop();
  });

  it('refuses a renewal period longer than half the lease', () => {
    expect(() => new LeaderLock(store.db, { ttlMs: 1_000, renewMs: 600 })).toThrow(/at most half/);
  });
});
