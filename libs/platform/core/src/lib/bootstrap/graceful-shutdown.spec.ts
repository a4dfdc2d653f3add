import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { request } from 'undici';

const WORKSPACE = join(__dirname, '../../../../../..');
const FIXTURE = join(__dirname, '../../test/shutdown-fixture.main.ts');

/** Starts the fixture as a real process and resolves with its port once it logs that it listens. */
function startService(): Promise<{ child: ChildProcess; port: number; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', FIXTURE], {
    cwd: WORKSPACE,
    env: {
      ...process.env,
      SWC_NODE_PROJECT: join(WORKSPACE, 'tsconfig.base.json'),
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      PORT: '0',
      HOST: '127.0.0.1',
      SLOW_MS: '1500',
      SERVICE_TOKEN_SECRET: 'shutdown-test-secret-0123456789abcdef',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/localhost:(\d+)/.exec(output);
      if (match) resolve({ child, port: Number(match[1]), exited });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`fixture exited with ${code} before listening:\n${output}`)));
  });
}

describe('graceful shutdown of a real service process', () => {
  it('finishes in-flight requests on SIGTERM, then exits 0', async () => {
    const { child, port, exited } = await startService();
    const inFlight = request(`http://127.0.0.1:${port}/slow`).then(async (res) => ({
      status: res.statusCode,
      body: await res.body.json(),
    }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGTERM');

    await expect(inFlight).resolves.toEqual({ status: 200, body: { finished: true } });
    await expect(exited).resolves.toBe(0);
    await expect(request(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
  }, 30_000);

  it('exits 0 promptly when idle', async () => {
    const { child, exited } = await startService();
    child.kill('SIGTERM');
    await expect(exited).resolves.toBe(0);
  }, 30_000);
});
