/** `scaling-lab list`: the registered backbones with their reference numbers, and the strategies. */
import { formatCount, formatInteger, listBackbones } from '@scaling-lab/backbones';
import { STRATEGIES } from '@scaling-lab/scaling';
import type { Command } from 'commander';

export function registerList(program: Command): void {
  program
    .command('list')
    .description('list backbones, scaling strategies and experiments')
    .option('--json', 'print one JSON object')
    .action((opts: { json?: boolean }) => {
      const backbones = listBackbones().map((b) => ({
        id: b.id,
        name: b.name,
        family: b.family,
        resolution: b.baseResolution,
        referenceParams: b.reference?.trainableParams ?? null,
        referenceFlops: b.reference?.flops ?? null,
      }));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ backbones, strategies: STRATEGIES })}\n`);
        return;
      }
      const lines = ['Backbones:'];
      const idWidth = Math.max(...backbones.map((b) => b.id.length));
      for (const b of backbones) {
        const ref = b.referenceParams !== null
          ? `  ${formatInteger(b.referenceParams)} params, ${formatCount(b.referenceFlops ?? 0)} MACs`
          : '';
        lines.push(`  ${b.id.padEnd(idWidth)}  ${b.name} @ ${b.resolution}px${ref}`);
      }
      lines.push('', `Strategies: ${STRATEGIES.join(', ')}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
