import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '../bootstrap/create-service-app';
import { SAMPLE_SERVICE, SampleModule, testEnv } from '../../test/sample-service';

describe('request logs', () => {
  let app: NestFastifyApplication;
  const lines: Record<string, unknown>[] = [];
  let raw = '';
  beforeAll(async () => {
    const logDestination = {
      write(line: string) {
        raw += line;
        lines.push(JSON.parse(line));
      },
    };
    app = await createServiceApp(SampleModule, SAMPLE_SERVICE, testEnv({ LOG_LEVEL: 'info' }), { logDestination });
  });
  afterAll(() => app.close());

  const completed = (url: string) =>
    lines.filter((line) => line['msg'] === 'request completed' && (line['req'] as { url: string }).url === url);

  it('writes one line per response with the request id, method, URL, status and time', async () => {
    await app.inject({ method: 'GET', url: '/greetings', headers: { 'x-request-id': 'trace-7' } });
    expect(completed('/greetings')).toEqual([
      expect.objectContaining({
        level: 30,
        name: 'sample',
        requestId: 'trace-7',
        req: expect.objectContaining({ method: 'GET', url: '/greetings' }),
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
      }),
    ]);
  });

  it('never writes credentials', async () => {
    await app.inject({
      method: 'GET',
      url: '/greetings?page=2',
      headers: { authorization: 'Bearer top-secret-1', 'x-service-token': 'top-secret-2', cookie: 'sid=top-secret-3' },
    });
    expect(completed('/greetings?page=2')).toHaveLength(1);
    expect(raw).not.toContain('top-secret');
  });

  it('logs 4xx as warn and 5xx as error, with the error detail the response leaves out', async () => {
    await app.inject({ method: 'GET', url: '/nope' });
    await app.inject({ method: 'GET', url: '/boom' });
    expect(completed('/nope')).toEqual([expect.objectContaining({ level: 40, res: { statusCode: 404 } })]);
    expect(completed('/boom')).toEqual([expect.objectContaining({ level: 50, res: { statusCode: 500 } })]);
    expect(raw).toContain('database password is hunter2');
  });

  it("gives a handler's own lines through request.log the request id", async () => {
    await app.inject({ method: 'GET', url: '/noted', headers: { 'x-request-id': 'trace-8' } });
    expect(lines.filter((line) => line['msg'] === 'noted')).toEqual([
      expect.objectContaining({ level: 30, requestId: 'trace-8', step: 'inside the handler' }),
    ]);
  });

  it('does not log probes and scrapes', async () => {
    await app.inject({ method: 'GET', url: '/health/live' });
    await app.inject({ method: 'GET', url: '/metrics' });
    expect(completed('/health/live')).toEqual([]);
    expect(completed('/metrics')).toEqual([]);
  });
});
