type Cleanup = () => Promise<void> | void;

const pending: Cleanup[] = [];

/**
 * Registers work to undo at the end of the run (child processes, temp folders, bench databases).
 * Scenarios also clean up after themselves; this catches what a failed or timed-out scenario left behind.
 */
export function onCleanup(fn: Cleanup): () => void {
  pending.push(fn);
  return () => {
    const at = pending.indexOf(fn);
    if (at >= 0) pending.splice(at, 1);
  };
}

/** Runs every registered cleanup, newest first; a failing one is reported and the rest still run. */
export async function runCleanups(): Promise<void> {
  while (pending.length > 0) {
    const fn = pending.pop()!;
    try {
      await fn();
    } catch (error) {
      process.stderr.write(`bench cleanup failed: ${String(error)}\n`);
    }
  }
}
