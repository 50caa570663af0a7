import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliEntry, trainChildArgs } from './child-run';

describe('cliEntry', () => {
  it('is the bin of the package the runner was loaded from, above the sources or beside a bundle', () => {
    expect(cliEntry()).toBe(path.resolve(__dirname, '..', '..', 'bin', 'scaling-lab.js'));
    const pkg = fs.mkdtempSync(path.join(os.tmpdir(), 'scaling-lab-entry-'));
    try {
      fs.mkdirSync(path.join(pkg, 'bin'));
      fs.mkdirSync(path.join(pkg, 'dist'));
      fs.writeFileSync(path.join(pkg, 'bin', 'scaling-lab.js'), '');
      expect(cliEntry(path.join(pkg, 'dist'))).toBe(path.join(pkg, 'bin', 'scaling-lab.js'));
    } finally {
      fs.rmSync(pkg, { recursive: true, force: true });
    }
  });

  it('names the fix when no command is found', () => {
    expect(() => cliEntry(os.tmpdir())).toThrow(/no bin\/scaling-lab\.js above .*; reinstall the scaling-lab package/);
  });
});

describe('trainChildArgs', () => {
  // A sweep's --restart reaches every training child; without it the child resumes its checkpoint.
  it('gives the child the spec file and passes --restart only when the sweep asks for it', () => {
    const args = trainChildArgs('/w/spec.json', '/w', { backend: 'wasm' });
    expect(args).toEqual(['train', '--spec', '/w/spec.json', '--out', '/w', '--backend', 'wasm', '--json']);
    expect(trainChildArgs('/w/spec.json', '/w', { backend: 'wasm', restart: true })).toContain('--restart');
  });
});
