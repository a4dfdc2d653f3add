import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, type Socket } from 'node:net';
import { createServiceApp } from '../bootstrap/create-service-app';
import { SAMPLE_SERVICE, SampleModule, testEnv } from '../../test/sample-service';

/** Opens a raw connection, writes `data` and resolves with everything the server sent once it closed the socket. */
function sendAndWaitForClose(port: number, data: string): Promise<{ received: string; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(data));
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve({ received, socket }));
  });
}

describe('server timeouts: a stalled client is cut off', () => {
  let app: NestFastifyApplication;
  let port: number;
  beforeAll(async () => {
    app = await createServiceApp(
      SampleModule,
      SAMPLE_SERVICE,
      testEnv({ HEADERS_TIMEOUT_MS: '300', REQUEST_TIMEOUT_MS: '600', KEEP_ALIVE_TIMEOUT_MS: '300' }),
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.getHttpServer().address() as { port: number }).port;
  });
  afterAll(() => app.close());

  // The jest timeout (15 s) is the generous bound: without the platform's timeouts Node waits 60 s for headers and
  // checks only every 30 s, so these connections would stay open.
  it('answers half a request line and headers with 408 and closes the connection', async () => {
    const { received } = await sendAndWaitForClose(port, 'GET /greetings HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  }, 15_000);

  it('answers a body that stops arriving with 408 and closes the connection', async () => {
    const { received } = await sendAndWaitForClose(
      port,
      'POST /greetings HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"text":',
    );
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  }, 15_000);

  it('closes an idle keep-alive connection after answering', async () => {
    const { received } = await sendAndWaitForClose(port, 'GET /greetings HTTP/1.1\r\nHost: localhost\r\n\r\n');
    expect(received).toMatch(/^HTTP\/1\.1 200 /);
  }, 15_000);

  it('refuses a headers timeout longer than the request timeout', async () => {
    await expect(
      createServiceApp(
        SampleModule,
        SAMPLE_SERVICE,
        testEnv({ HEADERS_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '1000' }),
      ),
    ).rejects.toThrow('HEADERS_TIMEOUT_MS (5000) must not be greater than REQUEST_TIMEOUT_MS (1000)');
  });
});
