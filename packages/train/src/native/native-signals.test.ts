// oneDNN's JIT kernels keep data below the stack pointer, so a signal handled on the calling thread in the
// middle of a call used to corrupt the heap (a profiler's SIGPROF, SIGCHLD, SIGWINCH, Ctrl-C). A child
// process runs 1x1 (sgemm) and 3x3 (convolution primitive) passes in a loop under a storm of handled
// signals and must neither crash nor change a bit of its results.
import { spawnSync } from 'node:child_process';
import { ADDON_PATH, ConvPass } from '@scaling-lab/native';
import { describeWithNative } from '../../testing/native';
import { nativeGeometry } from './conv-geometry';

const CHILD = `
const { spawn } = require('node:child_process');
const addon = require(process.env.ADDON);
const cases = JSON.parse(process.env.CASES);
addon.setThreads(1);
let signals = 0;
process.on('SIGUSR2', () => signals++);
const fill = (n, seed) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37 + seed));
const runs = cases.map(({ geometry, input, filter, output }, k) => {
  const g = Int32Array.from(geometry);
  const x = fill(input, k), w = fill(filter, k + 1), dy = fill(output, k + 2);
  const outs = [new Float32Array(output), new Float32Array(input), new Float32Array(filter)];
  return () => {
    addon.conv(${ConvPass.Forward}, g, 0, x, w, null, outs[0]);
    addon.conv(${ConvPass.BackwardData}, g, 0, dy, w, null, outs[1]);
    addon.conv(${ConvPass.BackwardWeights}, g, 0, x, dy, null, outs[2]);
    return outs.map((o) => Buffer.from(o.buffer).toString('base64')).join();
  };
});
const reference = runs.map((run) => run());
const storm = spawn('sh', ['-c', 'while kill -USR2 ' + process.pid + ' 2>/dev/null; do :; done'], { stdio: 'ignore' });
// Until enough signals have landed (the storm takes a moment to start on a busy machine), at most 30 s.
const end = Date.now() + 30000;
let iterations = 0;
const loop = () => {
  for (let i = 0; i < 5; i++, iterations++)
    runs.forEach((run, k) => { if (run() !== reference[k]) { console.log('changed'); process.exit(3); } });
  if ((signals < 200 || iterations < 40) && Date.now() < end) return setImmediate(loop);
  storm.kill('SIGKILL');
  console.log(JSON.stringify({ iterations, signals }));
};
loop();
`;

describeWithNative('native kernels under signals', () => {
  it('survive a storm of handled signals with unchanged results', () => {
    const shapes: Array<[number[], number[], number]> = [
      [[32, 2, 2, 64], [1, 1, 64, 256], 1],
      [[32, 1, 1, 512], [1, 1, 512, 128], 1],
      [[32, 4, 4, 32], [3, 3, 32, 32], 1],
      [[32, 8, 8, 16], [3, 3, 16, 32], 2],
    ];
    const cases = shapes.map(([x, f, stride]) => {
      const geometry = nativeGeometry(x, f, { strides: stride, pad: 'same' }, false)!;
      const [n, , , , oh, ow, co] = geometry;
      return {
        geometry: Array.from(geometry),
        input: x.reduce((a, b) => a * b, 1),
        filter: f.reduce((a, b) => a * b, 1),
        output: n * oh * ow * co,
      };
    });
    const r = spawnSync(process.execPath, ['-e', CHILD], {
      env: { ...process.env, ADDON: ADDON_PATH, CASES: JSON.stringify(cases) },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect({ status: r.status, signal: r.signal, stderr: r.stderr }).toEqual({ status: 0, signal: null, stderr: '' });
    const { iterations, signals } = JSON.parse(r.stdout) as { iterations: number; signals: number };
    expect(iterations).toBeGreaterThanOrEqual(40);
    expect(signals).toBeGreaterThanOrEqual(200); // the storm really ran during the calls
  }, 90_000);
});
