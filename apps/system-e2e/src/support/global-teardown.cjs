// Ctrl-C, as a person would: the launcher drains every service and stops the database, then exits 0.
module.exports = async function globalTeardown() {
  const system = globalThis.__SYSTEM__;
  if (!system || system.child.exitCode !== null) return;
  const exited = new Promise((resolve) => system.child.once('exit', resolve));
  system.child.kill('SIGINT');
  const timer = setTimeout(() => system.child.kill('SIGKILL'), 60_000);
  const code = await exited;
  clearTimeout(timer);
  if (code !== 0) throw new Error(`the launcher exited with ${code} on Ctrl-C`);
};
