/**
 * The generator end to end, as a user runs it: in a scratch copy of the workspace, generate `demo-net`
 * from the command line, then list, inspect, test and train it through nx, checking that the nx cache follows
 * the saved compound coefficients (tools/scripts/e2e-backbone.sh).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

it('generates demo-net in a scratch workspace that lists, inspects, tests and trains it, with a correct nx cache', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'backbone-e2e-'));
  const r = spawnSync('bash', [path.join(ROOT, 'tools', 'scripts', 'e2e-backbone.sh'), 'demo-net', scratch], {
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
  const output = `${r.stdout}\n${r.stderr}`;
  expect(output).toMatch(/demo-net-compound-a1.20-b1.10-g1.15 \(smoke\): 2 trained, 0 already done, 0 failed/);
  expect(output).toMatch(/unchanged: cache hit, reports\/index.html restored/);
  expect(output).toMatch(/changed saved winner: no cache hit/);
  expect(output).toMatch(/all checks passed/);
  expect(r.status).toBe(0);
  fs.rmSync(scratch, { recursive: true, force: true });
}, 900_000);
