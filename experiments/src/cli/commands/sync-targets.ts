/** `scaling-lab sync-targets [--check]`: regenerates experiments/project.json's targets from the catalogue. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { projectTargets } from '../../catalogue/nx-targets';
import { WORKSPACE_ROOT } from '../../paths';
import { RunError } from '../errors';

export const PROJECT_JSON = path.join(WORKSPACE_ROOT, 'experiments', 'project.json');

export function syncedProjectJson(current: string): string {
  const project = JSON.parse(current);
  project.targets = projectTargets(project.targets ?? {});
  return `${JSON.stringify(project, null, 2)}\n`;
}

export function registerSyncTargets(program: Command): void {
  program
    .command('sync-targets')
    .description("write one nx target per experiment into experiments/project.json (after adding a backbone)")
    .option('--check', 'only check that the file is in sync (exit 1 if not)')
    .action((flags: { check?: boolean }) => {
      const current = fs.readFileSync(PROJECT_JSON, 'utf8');
      const synced = syncedProjectJson(current);
      if (flags.check) {
        if (synced !== current) throw new RunError(`${PROJECT_JSON} is out of date; run 'npx scaling-lab sync-targets'`);
        return;
      }
      if (synced !== current) {
        const tmp = `${PROJECT_JSON}.tmp-${process.pid}`;
        fs.writeFileSync(tmp, synced);
        fs.renameSync(tmp, PROJECT_JSON);
      }
      process.stdout.write(`${PROJECT_JSON}: ${synced === current ? 'already in sync' : 'updated'}\n`);
    });
}
