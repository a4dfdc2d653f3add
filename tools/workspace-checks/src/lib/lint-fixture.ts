import { workspaceRoot } from '@nx/devkit';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

interface EslintResult {
  messages: { ruleId: string | null; message: string }[];
}

/**
 * Lints source text as if it were a file at `filePath` (relative to the workspace root), with the workspace's real
 * ESLint config and CLI, and returns the messages of one rule. The file need not exist: the module-boundary rule only
 * needs to know which project the path belongs to.
 */
export function lintAsIfIn(filePath: string, source: string, ruleId = '@nx/enforce-module-boundaries'): string[] {
  const args = [
    join(workspaceRoot, 'node_modules/eslint/bin/eslint.js'),
    ...['--stdin', '--stdin-filename', filePath, '--format', 'json'],
  ];
  try {
    const output = execFileSync(process.execPath, args, { cwd: workspaceRoot, input: source, encoding: 'utf8' });
    return parse(output, ruleId);
  } catch (error) {
    // ESLint exits 1 when it found errors; its JSON report is still on stdout.
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    if (stdout?.startsWith('[')) return parse(stdout, ruleId);
    throw new Error(`eslint failed: ${stderr ?? error}`);
  }
}

function parse(output: string, ruleId: string): string[] {
  const [result] = JSON.parse(output) as EslintResult[];
  return result.messages.filter((message) => message.ruleId === ruleId).map((message) => message.message);
}
