/**
 * The delivery worker's timers: sleeps that stop() cuts short all at once, and one wait of the claim loop
 * that a finished send can end early.
 */
export class Waits {
  private readonly sleepers = new Set<() => void>();
  private waker: (() => void) | undefined;
  private stopped = false;

  /** Resolves after `ms`, or at once when stopped. */
  sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  /** Resolves after `ms`, on wake() or on stop(), whichever is first. */
  untilWoken(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wake(), ms);
      this.waker = () => {
        clearTimeout(timer);
        this.waker = undefined;
        resolve();
      };
    });
  }

  wake(): void {
    this.waker?.();
  }

  stop(): void {
    this.stopped = true;
    this.wake();
    for (const done of [...this.sleepers]) done();
  }

  restart(): void {
    this.stopped = false;
  }
}
