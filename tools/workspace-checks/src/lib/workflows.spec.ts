import { workspaceRoot } from '@nx/devkit';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * The GitHub Actions workflows are validated offline against GitHub's workflow schema with @action-validator/cli
 * (the validator ships the schema; nothing is downloaded), then checked for the steps this repository relies on.
 */
const WORKFLOWS = join(workspaceRoot, '.github/workflows');
const VALIDATOR = join(workspaceRoot, 'node_modules/@action-validator/cli/cli.mjs');

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, { branches?: string[] } | null>;
  jobs: Record<string, { steps: Step[]; strategy?: { matrix: Record<string, unknown[]> } }>;
}

function validator(file: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [VALIDATOR, file], { cwd: workspaceRoot, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
const read = (name: string) => readFileSync(join(WORKFLOWS, name), 'utf8');
const steps = (workflow: Pick<Workflow, 'jobs'>) => Object.values(workflow.jobs).flatMap((job) => job.steps);
const runs = (workflow: Pick<Workflow, 'jobs'>) =>
  steps(workflow)
    .map((step) => step.run ?? '')
    .join('\n');
const uses = (workflow: Pick<Workflow, 'jobs'>, action: string) =>
  steps(workflow).find((step) => step.uses?.startsWith(`${action}@`));
const job = (workflow: Workflow, name: string) => ({ jobs: { [name]: workflow.jobs[name] } });

describe('GitHub Actions workflows', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'ms-workflows-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it.each(['ci.yml', 'deploy.yml'])('%s is a valid workflow', (name) => {
    const { status, output } = validator(join(WORKFLOWS, name));
    expect({ status, output }).toEqual({ status: 0, output: '' });
  });

  it('the validator rejects a broken workflow (a misspelt key, a step without run/uses)', () => {
    const file = join(tmp, 'broken.yml');
    writeFileSync(file, read('ci.yml').replace('runs-on: ubuntu-latest', 'runs_on: ubuntu-latest'));
    const misspelt = validator(file);
    expect(misspelt.status).not.toBe(0);
    expect(misspelt.output).toContain("Additional property 'runs_on' is not allowed");
  });

  it('ci.yml: full history, Node 24 with the npm cache, npm ci, nx-set-shas, sync:check, affected lint/test/build, e2e', () => {
    const ci = parse(read('ci.yml')) as Workflow;
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['pull_request', 'push']));
    expect(uses(ci, 'actions/checkout')?.with).toEqual({ 'fetch-depth': 0 });
    expect(uses(job(ci, 'main'), 'actions/setup-node')?.with).toEqual({ 'node-version': 24, cache: 'npm' });
    expect(uses(ci, 'nrwl/nx-set-shas')).toBeDefined();
    const commands = runs(ci).split('\n');
    const order = ['npm ci', 'npx nx sync:check', 'npx nx affected -t lint test build', 'npx nx affected -t e2e'].map(
      (command) => commands.findIndex((line) => line.startsWith(command)),
    );
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(steps(ci).findIndex((step) => step.uses?.startsWith('nrwl/nx-set-shas@'))).toBeLessThan(
      steps(ci).findIndex((step) => step.run?.startsWith('npx nx affected')),
    );
  });

  it('ci.yml: the other supported Node lines (20, 22) test, build and system-test what changed', () => {
    const versions = parse(read('ci.yml')) as Workflow;
    const matrix = job(versions, 'node-versions');
    expect(versions.jobs['node-versions'].strategy?.matrix['node']).toEqual([20, 22]);
    expect(uses(matrix, 'actions/setup-node')?.with).toEqual({ 'node-version': '${{ matrix.node }}', cache: 'npm' });
    expect(uses(matrix, 'actions/checkout')?.with).toEqual({ 'fetch-depth': 0 });
    expect(uses(matrix, 'nrwl/nx-set-shas')).toBeDefined();
    expect(runs(matrix).split('\n')).toEqual(
      expect.arrayContaining(['npm ci --no-audit --no-fund', 'npx nx affected -t test build e2e --outputStyle=static']),
    );
  });

  it('deploy.yml: on push to main, on Node 24, affected images built and pushed, then affected deploys; registry and kubeconfig from secrets', () => {
    const text = read('deploy.yml');
    const deploy = parse(text) as Workflow;
    expect(deploy.on['push']?.branches).toEqual(['main']);
    expect(uses(deploy, 'actions/checkout')?.with).toEqual({ 'fetch-depth': 0 });
    expect(uses(deploy, 'actions/setup-node')?.with).toEqual({ 'node-version': 24, cache: 'npm' });
    expect(uses(deploy, 'nrwl/nx-set-shas')).toBeDefined();
    const commands = runs(deploy);
    const push = commands.indexOf('-t docker-push');
    const apply = commands.indexOf('-t deploy --configuration=production');
    expect(push).toBeGreaterThan(0);
    expect(apply).toBeGreaterThan(push);
    expect(commands).toContain('npx nx ${{ steps.scope.outputs.command }} -t deploy --configuration=production');
    expect(text).toContain('command=affected');
    for (const secret of ['REGISTRY', 'REGISTRY_USERNAME', 'REGISTRY_PASSWORD', 'KUBE_CONFIG'])
      expect(text).toContain(`secrets.${secret} }}`);
    expect(text).toContain('TAG: ${{ github.sha }}');
  });
});
