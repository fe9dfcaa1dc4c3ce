import { describe, expect, it } from 'vitest';
import { Waits } from '../../../src/delivery/waits.js';

describe('Waits', () => {
  it('sleeps, and stop() ends every sleep at once', async () => {
    const waits = new Waits();
    const started = Date.now();
    await waits.sleep(20);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    const long = [waits.sleep(60_000), waits.sleep(60_000)];
    waits.stop();
    await Promise.all(long);
    await waits.sleep(60_000);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('ends the loop wait on wake(), or after its time', async () => {
    const waits = new Waits();
    const started = Date.now();
    const woken = waits.untilWoken(60_000);
    waits.wake();
    await woken;
    await waits.untilWoken(10);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('waits again after restart()', async () => {
    const waits = new Waits();
    waits.stop();
    waits.restart();
    let done = false;
    const sleeping = waits.sleep(30).then(() => {
      done = true;
    });
    expect(done).toBe(false);
    await sleeping;
    expect(done).toBe(true);
  });
});
