import type { ProgressEvent, RunningSystem } from './system';

/** The launcher's progress lines (the system tests read `… starting <name> (` and `Storefront:` from them). */
export function printProgress(event: ProgressEvent): void {
  process.stdout.write(`${progressLine(event)}\n`);
}

export function progressLine(event: ProgressEvent): string {
  switch (event.kind) {
    case 'database':
      return `✔ database: ${event.detail}`;
    case 'notice':
      return `! ${event.detail}`;
    case 'messaging':
      return `✔ events: ${event.detail}`;
    case 'starting':
      return `… starting ${event.service.name} (${event.service.accessibility})`;
    case 'ready':
      return `✔ ${event.service.name} ready at ${event.url} (${seconds(event.ms)})`;
  }
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** What the launcher prints once the whole system answers; `next` says what the terminal does now. */
export function printSystemReady(system: RunningSystem, next: string): void {
  process.stdout.write(
    [
      '',
      `Storefront:   ${system.gatewayUrl}/`,
      `Public API:   ${system.gatewayUrl}/docs`,
      `Logs:         ${system.stateDir}/logs/<service>.log`,
      next,
      '',
    ].join('\n'),
  );
}
