/** Names of the queues RabbitMQ holds for one subscribing service (no amqplib here: the index loads this eagerly). */
export function amqpQueueNames(queue: string): { main: string; retry: string; deadLetter: string } {
  return { main: queue, retry: `${queue}.retry`, deadLetter: `${queue}.dlq` };
}
