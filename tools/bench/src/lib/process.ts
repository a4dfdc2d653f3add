/**
 * Start a server process for a benchmark and wait until it answers.
 *
 *   startProcess(options: StartProcessOptions): Promise<BenchProcess>
 *     Spawns `node [...nodeArgs] <script> [...args]` (TypeScript through @swc-node/register when `typescript` is
 *     true, as `npm start` does), waits until `http://127.0.0.1:<port><readyPath>` answers (any HTTP status), and
 *     resolves with its pid, port, url and a `stop()` that sends SIGTERM (SIGKILL after 5 s) and waits for the exit.
 *     With `port: 0` the port is read from the process's output (`listening on http://localhost:<port>`, the
 *     platform's start line) or from `portPattern`. Rejects (with the process's output) if it exits or times out.
 *   freePort(): Promise<number>  — a port nothing listens on right now (ask the OS for one, then release it).
 *   waitForHttp(url, timeoutMs): Promise<void>  — polls until `url` answers with any HTTP status.
 *   stopAll(processes): Promise<void>  — stops every process, ignoring ones already gone.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { request } from 'undici';

export interface StartProcessOptions {
  readonly workspaceRoot: string;
  /** A .ts or .js file, relative to the workspace root or absolute. */
  readonly script: string;
  readonly args?: readonly string[];
  /** Run `script` through @swc-node/register with tsconfig.base.json's paths (default: true for `.ts`). */
  readonly typescript?: boolean;
  readonly nodeArgs?: readonly string[];
  /** Added to this process's environment. */
  readonly env?: NodeJS.ProcessEnv;
  /** The port it listens on; 0 or unset = read it from the output. */
  readonly port?: number;
  /** Matches the listening line when the port comes from the output; group 1 is the port. */
  readonly portPattern?: RegExp;
  /** Polled until it answers (default `/`). */
  readonly readyPath?: string;
  readonly timeoutMs?: number;
}

export interface BenchProcess {
  readonly pid: number;
  readonly port: number;
  readonly url: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

const PLATFORM_LISTENING = /listening on http:\/\/(?:localhost|127\.0\.0\.1|\[::1?\]|0\.0\.0\.0):(\d+)/;

export async function startProcess(options: StartProcessOptions): Promise<BenchProcess> {
  const script = options.script.startsWith('/') ? options.script : join(options.workspaceRoot, options.script);
  const typescript = options.typescript ?? script.endsWith('.ts');
  const nodeArgs = [...(typescript ? ['-r', '@swc-node/register'] : []), ...(options.nodeArgs ?? [])];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, script, ...(options.args ?? [])], {
    cwd: options.workspaceRoot,
    env: {
      ...process.env,
      ...(typescript ? { SWC_NODE_PROJECT: join(options.workspaceRoot, 'tsconfig.base.json') } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Keep the tail only (about 64 KB): a server logging every request must neither grow nor slow the harness.
  let chunks: Buffer[] = [];
  let buffered = 0;
  const append = (chunk: Buffer) => {
    chunks.push(chunk);
    buffered += chunk.length;
    while (buffered - chunks[0].length > 64 * 1024) buffered -= chunks.shift()?.length ?? 0;
  };
  const tail = () => {
    const text = Buffer.concat(chunks).toString();
    chunks = [Buffer.from(text)];
    return text;
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const timeoutMs = options.timeoutMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
  };
  const fail = async (reason: string): Promise<never> => {
    await stop();
    throw new Error(`${options.script}: ${reason}\n${tail().slice(-4000)}`);
  };

  let port = options.port ?? 0;
  let gone = false;
  void exited.then(() => (gone = true));
  const pattern = options.portPattern ?? PLATFORM_LISTENING;
  while (port === 0) {
    if (gone) return fail(`exited with ${child.exitCode} before listening`);
    if (Date.now() > deadline) return fail(`did not print its port within ${timeoutMs} ms`);
    const match = pattern.exec(tail());
    if (match) port = Number(match[1]);
    else await sleep(50);
  }
  const url = `http://127.0.0.1:${port}`;
  const ready = waitForHttp(url + (options.readyPath ?? '/'), Math.max(deadline - Date.now(), 1));
  const outcome = await Promise.race([ready.then(() => 'ready'), exited.then(() => 'exited')]).catch(
    (error: Error) => error.message,
  );
  if (outcome !== 'ready') return fail(outcome === 'exited' ? `exited with ${child.exitCode}` : outcome);
  return { pid: child.pid ?? 0, port, url, output: tail, stop };
}

export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await request(url, { headersTimeout: 2_000, bodyTimeout: 2_000 });
      await response.body.dump();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms: ${error}`);
      await sleep(100);
    }
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function stopAll(processes: readonly (BenchProcess | undefined)[]): Promise<void> {
  await Promise.all(processes.map((process) => process?.stop().catch(() => undefined)));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
