// Loaded with `node --import`: reports the process's peak resident memory when it exits.
process.on('exit', () => {
  process.stderr.write(`\n@@maxrss ${process.resourceUsage().maxRSS}\n`);
});
