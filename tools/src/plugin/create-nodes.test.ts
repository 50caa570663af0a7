import { execSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TargetConfiguration } from '@nx/devkit';
import { listFamilies } from '@scaling-lab/backbones';
import { listExperiments } from '../../../experiments/src/catalogue/experiments';
import { createNodes, EXPERIMENTS_PROJECT_JSON } from './create-nodes';
import { experimentTargets } from './experiment-targets';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const targets = experimentTargets();

function runtimeInput(target: TargetConfiguration): string | undefined {
  const found = (target.inputs ?? []).find((i): i is { runtime: string } => typeof i === 'object' && 'runtime' in i);
  return found?.runtime;
}

describe('inferred experiment targets', () => {
  it('gives every catalogue experiment a cached target that runs it and owns its report folders and the index', () => {
    const experiments = listExperiments();
    expect(experiments.length).toBeGreaterThanOrEqual(25);
    for (const e of experiments) {
      const t = targets[e.name];
      expect(t.cache).toBe(true);
      expect(t.dependsOn).toEqual(['setup-data', 'setup-native']);
      expect(t.options.command).toBe(`node experiments/bin/scaling-lab.js run ${e.name}`);
      expect(t.outputs).toEqual(
        expect.arrayContaining([
          `{workspaceRoot}/reports/${e.name}`,
          `{workspaceRoot}/reports/smoke/${e.name}`,
          `{workspaceRoot}/reports/paper/${e.name}`,
          '{workspaceRoot}/reports/index.html',
        ]),
      );
    }
  });

  it('makes the saved search winner an input and the renamed report folder an output of compound experiments', () => {
    for (const e of listExperiments()) {
      const t = targets[e.name];
      if (e.strategies.includes('compound')) {
        expect(runtimeInput(t)).toContain(`.scaling-lab/coefficients/${e.backbone}.json`);
        expect(runtimeInput(t)).toContain(`.scaling-lab/coefficients/smoke/${e.backbone}.json`);
        expect(t.outputs).toContain(`{workspaceRoot}/reports/${e.name}-a*`);
        expect(t.outputs).toContain(`{workspaceRoot}/reports/smoke/${e.name}-a*`);
      } else {
        expect(runtimeInput(t)).toBeUndefined();
      }
    }
  });

  it("hashes the winner's contents: the runtime input prints something else once the file changes", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coef-input-'));
    const command = runtimeInput(targets['resnet-compound'])!;
    const run = () => execSync(command, { cwd: dir, encoding: 'utf8', shell: '/bin/sh' });
    expect(run()).toBe('');
    fs.mkdirSync(path.join(dir, '.scaling-lab', 'coefficients', 'smoke'), { recursive: true });
    const file = path.join(dir, '.scaling-lab', 'coefficients', 'smoke', 'resnet-50.json');
    fs.writeFileSync(file, '{"coefficients":{"alpha":1.2,"beta":1.1,"gamma":1.15}}');
    const first = run();
    expect(first).toContain('1.15');
    fs.writeFileSync(file, '{"coefficients":{"alpha":1.3,"beta":1.05,"gamma":1.15}}');
    expect(run()).not.toBe(first);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("gives every family a search target that saves its first backbone's winner", () => {
    for (const [family, ids] of listFamilies()) {
      const t = targets[`${family}-search`];
      expect(t.cache).toBe(true);
      expect(t.options.command).toBe(`node experiments/bin/scaling-lab.js search --backbone ${ids[0]}`);
      expect(t.outputs).toContain(`{workspaceRoot}/.scaling-lab/coefficients/${ids[0]}.json`);
      expect(t.outputs).toContain(`{workspaceRoot}/.scaling-lab/coefficients/paper/${ids[0]}.json`);
    }
  });

  it('leaves experiments/project.json with hand-written targets only', () => {
    const written = JSON.parse(fs.readFileSync(path.join(ROOT, EXPERIMENTS_PROJECT_JSON), 'utf8')).targets;
    expect(Object.keys(written).sort()).toEqual([
      'bench',
      'e2e',
      'inspect',
      'list',
      'paper-tables',
      'report',
      'setup-data',
      'setup-native',
    ]);
    for (const name of Object.keys(targets)) expect(written[name]).toBeUndefined();
  });

  it('createNodes hands these targets to the experiments project, the second time from its cache', async () => {
    const [glob, infer] = createNodes;
    expect(glob).toBe('experiments/project.json');
    const context = { workspaceRoot: ROOT, nxJsonConfiguration: {} };
    for (let i = 0; i < 2; i++) {
      const result = await infer([EXPERIMENTS_PROJECT_JSON], undefined, context);
      expect(result).toHaveLength(1);
      const [file, nodes] = result[0];
      expect(file).toBe(EXPERIMENTS_PROJECT_JSON);
      expect(nodes.projects?.experiments?.targets).toEqual(targets);
    }
  });
});
