// Starts the system with `npm start`'s own entry point (tools/launcher/src/main.ts), in a child process, on a fresh
// state folder and its own embedded PostgreSQL port; the apps were built by Nx before (e2e dependsOn ^build).
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { chmodSync, mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const workspaceRoot = resolve(__dirname, '../../../..');
const START_TIMEOUT_MS = 240_000;

module.exports = async function globalSetup() {
  const stateDir = mkdtempSync(join(tmpdir(), 'ms-system-e2e-'));
  // The run's own folder, open for entering (not writing) so that, as root, the embedded PostgreSQL (run as user
  // postgres) keeps its data in here and the teardown removes it with the rest; a 0700 folder would send it to /var/tmp.
  chmodSync(stateDir, 0o755);
  const pgPort = process.env.E2E_PG_PORT ?? '54349';
  // With AMQP_URL the events travel over RabbitMQ: in an exchange and queues of this run's own (removed by teardown).
  const suffix = randomBytes(4).toString('hex');
  const messaging = process.env.AMQP_URL
    ? { MESSAGING_EXCHANGE: `e2e.events.${suffix}`, MESSAGING_QUEUE_PREFIX: `e2e-${suffix}.` }
    : {};
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'tools/launcher/src/main.ts'], {
    cwd: workspaceRoot,
    env: {
      ...process.env,
      SWC_NODE_PROJECT: join(workspaceRoot, 'tsconfig.base.json'),
      MS_SKIP_BUILD: 'true',
      MS_STATE_DIR: stateDir,
      EMBEDDED_PG_PORT: pgPort,
      NODE_ENV: 'development',
      ...messaging,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise((resolvePromise, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`system not up within ${START_TIMEOUT_MS} ms:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk) => {
      output += chunk.toString();
      process.stdout.write(chunk);
      const match = /Storefront:\s+(http:\/\/\S+?)\/?\s/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start's launcher exited with ${code}:\n${output}\n(logs in ${stateDir}/logs)`));
    });
  });
  // The services the launcher started (from its progress lines): their queues are this run's to remove.
  const services = [...output.matchAll(/… starting (\S+) \(/g)].map((match) => match[1]);
  globalThis.__SYSTEM__ = { child, stateDir, messaging, services };
  process.env.SYSTEM_URL = url;
  process.env.SYSTEM_STATE_DIR = stateDir;
  // The embedded cluster's superuser (it listens on 127.0.0.1 only): the messaging tests take the transport down.
  process.env.SYSTEM_DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${pgPort}/postgres`;
};
