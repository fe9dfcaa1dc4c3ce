/**
 * Preloaded (`node --import`) into every process the bench starts: if the bench dies without cleaning up
 * (killed by a test runner's time limit, say), the servers it started must not live on, holding ports, memory
 * and databases. why: SIGTERM first, so a bot shuts down as in production (the embedded store is closed
 * cleanly); an exit 10 s later if that shutdown hangs.
 */
const parent = process.ppid;
const watch = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(watch);
  setTimeout(() => process.exit(1), 10_000).unref();
  process.kill(process.pid, 'SIGTERM');
}, 500);
watch.unref();
