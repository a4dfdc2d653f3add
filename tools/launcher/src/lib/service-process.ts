import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceDescriptor } from '@ms/contracts-common';
import { GATEWAY_SERVICE } from '@ms/contracts-gateway';

/** The gateway serves its probes on a port of its own; its public port answers 404 there. */
export const GATEWAY_MANAGEMENT_PORT = 3090;

export interface ServiceProcess {
  readonly service: ServiceDescriptor;
  readonly url: string;
  readonly logFile: string;
  /** Resolves when `/health/ready` answers 200; rejects if the process exits or the deadline passes. */
  ready(timeoutMs: number): Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

/** Starts one built service (`dist/apps/<name>/main.js`), its output going to `<logDir>/<name>.log`. */
export function startServiceProcess(
  workspaceRoot: string,
  service: ServiceDescriptor,
  env: NodeJS.ProcessEnv,
  logDir: string,
): ServiceProcess {
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${service.name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const port = Number(env['PORT'] ?? service.defaultPort);
  const managementPort = service.name === GATEWAY_SERVICE.name ? GATEWAY_MANAGEMENT_PORT : undefined;
  const child: ChildProcess = spawn(process.execPath, [join(workspaceRoot, 'dist/apps', service.name, 'main.js')], {
    cwd: workspaceRoot,
    env: managementPort ? { ...env, MANAGEMENT_PORT: String(managementPort) } : env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
    log.end();
  });
  const url = `http://127.0.0.1:${port}`;
  const probeUrl = managementPort ? `http://127.0.0.1:${managementPort}` : url;

  return {
    service,
    url,
    logFile,
    async ready(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (exitCode !== undefined) throw new Error(`${service.name} exited with code ${exitCode} (see ${logFile})`);
        try {
          const res = await fetch(`${probeUrl}/health/ready`, { signal: AbortSignal.timeout(2_000) });
          if (res.status === 200) return;
        } catch {
          // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(`${service.name} was not ready within ${timeoutMs} ms (see ${logFile})`);
    },
    async stop(graceMs = 15_000) {
      if (exitCode !== undefined) return exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
