/** `scaling-lab list`: the registered backbones with their reference numbers, and the strategies. */
import { formatCount, formatInteger, listBackbones } from '@scaling-lab/backbones';
import { STRATEGIES } from '@scaling-lab/scaling';
import type { Command } from 'commander';
import { listExperiments } from '../../catalogue/experiments';
import { PRESETS } from '../../catalogue/presets';

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
      const experiments = listExperiments().map((e) => ({ name: e.name, backbone: e.backbone, strategies: e.strategies }));
      const presets = Object.values(PRESETS).map((p) => ({ id: p.id, description: p.description }));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ backbones, strategies: STRATEGIES, experiments, presets })}\n`);
        return;
      }
      const lines = ['Backbones:'];
      const idWidth = Math.max(...backbones.map((b) => b.id.length));
      const nameWidth = Math.max(...backbones.map((b) => `${b.name} @ ${b.resolution}px`.length));
      for (const b of backbones) {
        const ref = b.referenceParams !== null
          ? `  ${formatInteger(b.referenceParams)} params, ${formatCount(b.referenceFlops ?? 0)} MACs`
          : '';
        lines.push(`  ${b.id.padEnd(idWidth)}  ${`${b.name} @ ${b.resolution}px`.padEnd(nameWidth)}${ref}`);
      }
      lines.push('', `Strategies: ${STRATEGIES.join(', ')}`, '', 'Experiments (scaling-lab run <name> [--preset …]):');
      for (const e of experiments) lines.push(`  ${e.name.padEnd(28)}  ${e.backbone}: ${e.strategies.join(', ')}`);
      lines.push('', 'Presets:');
      for (const p of presets) lines.push(`  ${p.id.padEnd(6)}  ${p.description}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
