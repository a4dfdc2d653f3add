import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '../bootstrap/create-service-app';
import { SAMPLE_SERVICE, SampleController, testEnv } from '../../test/sample-service';
import { ReadinessRegistry } from './readiness.registry';

/** Stands in for an adapter: a dependency whose availability the test switches. */
@Injectable()
class SwitchableDependency implements OnModuleInit {
  up = true;
  constructor(private readonly readiness: ReadinessRegistry) {}
  onModuleInit() {
    this.readiness.register('switchable', async () => {
      if (!this.up) throw new Error('switchable is down');
      return { switchable: { status: 'up' } };
    });
  }
}

@Module({ controllers: [SampleController], providers: [SwitchableDependency] })
class AppWithDependency {}

describe('health and metrics', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await createServiceApp(AppWithDependency, SAMPLE_SERVICE, testEnv());
  });
  afterAll(() => app.close());

  it('answers liveness without touching dependencies', async () => {
    app.get(SwitchableDependency).up = false;
    const res = await app.inject({ method: 'GET', url: '/health/live' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    app.get(SwitchableDependency).up = true;
  });

  it('reports readiness from registered checks', async () => {
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().info.switchable.status).toBe('up');

    app.get(SwitchableDependency).up = false;
    const notReady = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json().status).toBe('error');
    expect(notReady.json().error.switchable).toEqual({ status: 'down', message: 'switchable is down' });
    app.get(SwitchableDependency).up = true;
  });

  it('counts requests by route template and status, and exposes process metrics', async () => {
    await app.inject({ method: 'GET', url: '/greetings' });
    await app.inject({ method: 'GET', url: '/greetings' });
    await app.inject({ method: 'GET', url: '/no/such/page' });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(/http_requests_total\{method="GET",route="\/greetings",status="200"\} 2/);
    expect(res.body).toMatch(/http_requests_total\{method="GET",route="unmatched",status="404"\} 1/);
    expect(res.body).toContain('http_request_duration_seconds_bucket');
    expect(res.body).toContain('process_cpu_user_seconds_total');
  });
});
