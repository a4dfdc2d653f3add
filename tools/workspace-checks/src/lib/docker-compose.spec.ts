import { workspaceRoot } from '@nx/devkit';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface ComposeService {
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  depends_on?: Record<string, { condition: string }> | string[];
  ports?: string[];
  command?: string[];
  environment?: Record<string, string>;
}

/** Every service app (project tagged type:app), read from the files so this check depends on no project. */
const SERVICES = readdirSync(join(workspaceRoot, 'apps'))
  .filter((dir) => existsSync(join(workspaceRoot, 'apps', dir, 'project.json')))
  .map(
    (dir) =>
      JSON.parse(readFileSync(join(workspaceRoot, 'apps', dir, 'project.json'), 'utf8')) as {
        name: string;
        tags?: string[];
      },
  )
  .filter((project) => project.tags?.includes('type:app'))
  .map((project) => ({ name: project.name, messaging: Boolean(project.tags?.includes('messaging:events')) }));

/** deploy/docker-compose.yml describes the same system as `npm start`, on real backends (no engine here to run it). */
describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(workspaceRoot, 'deploy/docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };

  it('builds every service (and its migration) from the one Dockerfile, told which app by build arg APP', () => {
    const build = (app: string) => ({ context: '..', dockerfile: 'Dockerfile', args: { APP: app } });
    for (const service of SERVICES) {
      expect({ service: service.name, build: compose.services[service.name]?.build }).toEqual({
        service: service.name,
        build: build(service.name),
      });
      const migrate = compose.services[`${service.name}-migrate`];
      if (migrate) expect(migrate.build).toEqual(build(service.name));
    }
    expect(existsSync(join(workspaceRoot, 'Dockerfile'))).toBe(true);
  });

  it('has the real backends', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['postgres', 'redis', 'rabbitmq', 'minio']));
  });

  it('publishes a port for the gateway only', () => {
    const published = Object.entries(compose.services)
      .filter(([, s]) => s.ports?.length)
      .map(([name]) => name);
    expect(published).toEqual(['gateway']);
  });

  it('gives every messaging service the broker, and starts it once RabbitMQ is healthy', () => {
    const messaging = SERVICES.filter((service) => service.messaging);
    expect(messaging.length).toBeGreaterThan(0);
    for (const { name } of messaging) {
      const service = compose.services[name];
      expect({ name, amqp: service.environment?.['AMQP_URL'] }).toEqual({
        name,
        amqp: expect.stringMatching(/^amqps?:\/\/.+@rabbitmq:5672/),
      });
      expect({ name, rabbitmq: (service.depends_on as Record<string, unknown>)?.['rabbitmq'] }).toEqual({
        name,
        rabbitmq: { condition: 'service_healthy' },
      });
    }
  });

  it('migrates every database service before it starts, in production mode', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (!service.environment?.['DATABASE_URL'] || name.endsWith('-migrate')) continue;
      expect(compose.services[`${name}-migrate`]?.command).toEqual(['node', 'main.js', '--migrate-only']);
      expect(service.environment['NODE_ENV']).toBe('production');
    }
  });
});
