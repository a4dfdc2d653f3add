// Ctrl-C, as a person would: the launcher drains every service and stops the database, then exits 0. With RabbitMQ,
// the run's own exchange and queues are deleted afterwards.
const { rmSync } = require('node:fs');
const { connect } = require('amqplib');

module.exports = async function globalTeardown() {
  const system = globalThis.__SYSTEM__;
  if (!system) return;
  let code = 0;
  if (system.child.exitCode === null) {
    const exited = new Promise((resolve) => system.child.once('exit', resolve));
    system.child.kill('SIGINT');
    const timer = setTimeout(() => system.child.kill('SIGKILL'), 60_000);
    code = await exited;
    clearTimeout(timer);
  }
  if (system.messaging.MESSAGING_EXCHANGE) await removeRabbitMqNamespace(system.messaging, system.services);
  if (code !== 0) throw new Error(`the launcher exited with ${code} on Ctrl-C (logs in ${system.stateDir}/logs)`);
  // Only after a clean stop: a failed run keeps its logs and data for a look.
  rmSync(system.stateDir, { recursive: true, force: true });
};

async function removeRabbitMqNamespace({ MESSAGING_EXCHANGE: exchange, MESSAGING_QUEUE_PREFIX: prefix }, services) {
  const connection = await connect(process.env.AMQP_URL, { timeout: 5000 });
  try {
    const channel = await connection.createChannel();
    for (const service of services) {
      for (const suffix of ['', '.retry', '.dlq']) await channel.deleteQueue(`${prefix}${service}.events${suffix}`);
    }
    await channel.deleteExchange(exchange);
  } finally {
    await connection.close();
  }
}
