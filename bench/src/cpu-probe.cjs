// Preloaded with `node --require` into every timed run of the CLI start-up section, the `node -e 0`
// floor included: as the process exits it writes its own CPU time (user + system since it started,
// in microseconds) to file descriptor 3, which the bench opened as a pipe. CPU time is what a start
// costs; wall time also holds whatever else the machine was running. CommonJS, so that the floor
// does not start Node's ES module loader for it.
'use strict';
process.on('exit', () => {
  try {
    const { user, system } = process.cpuUsage();
    require('node:fs').writeSync(3, `${user + system}\n`);
  } catch {
    // No descriptor 3 (run outside the bench): nothing to report.
  }
});
