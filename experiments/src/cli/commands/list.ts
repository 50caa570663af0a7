/**
 * `scaling-lab list`: the registered backbones with their params and multiply-adds as our builders produce
 * them (1000 classes, RGB, each at its base resolution; counted without allocating weights), the strategies,
 * experiments and presets.
 */
import { formatCount, formatInteger, listBackbones, profileWithoutWeights } from '@scaling-lab/backbones';
import { scaleSpec, STRATEGIES } from '@scaling-lab/scaling';
import type { Command } from 'commander';
import { listExperiments } from '../../catalogue/experiments';
import { PRESETS } from '../../catalogue/presets';
import { useQuietCpuBackend } from '../tf-setup';

export function registerList(program: Command): void {
  program
    .command('list')
    .description('list backbones, scaling strategies and experiments')
    .option('--json', 'print one JSON object')
    .action(async (opts: { json?: boolean }) => {
      await useQuietCpuBackend();
      const backbones = listBackbones().map((b) => {
        const measured = profileWithoutWeights(() => b.build(scaleSpec(b), { numClasses: 1000, inputChannels: 3 }));
        return {
          id: b.id,
          name: b.name,
          family: b.family,
          resolution: b.baseResolution,
          /** Trainable parameters and multiply-adds of our build at the base resolution, 1000 classes, RGB. */
          params: measured.params.trainable,
          flops: measured.flops,
          referenceParams: b.reference?.trainableParams ?? null,
          referenceFlops: b.reference?.flops ?? null,
        };
      });
      const experiments = listExperiments().map((e) => ({
        name: e.name,
        backbone: e.backbone,
        strategies: e.strategies,
      }));
      const presets = Object.values(PRESETS).map((p) => ({ id: p.id, description: p.description }));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ backbones, strategies: STRATEGIES, experiments, presets })}\n`);
        return;
      }
      const lines = ['Backbones (our builds at the base resolution, 1000 classes; MACs = conv + dense multiply-adds):'];
      const idWidth = Math.max(...backbones.map((b) => b.id.length));
      const nameWidth = Math.max(...backbones.map((b) => `${b.name} @ ${b.resolution}px`.length));
      for (const b of backbones) {
        const measured = `${formatInteger(b.params).padStart(10)} params  ${formatCount(b.flops).padStart(5)} MACs`;
        lines.push(`  ${b.id.padEnd(idWidth)}  ${`${b.name} @ ${b.resolution}px`.padEnd(nameWidth)}  ${measured}`);
      }
      lines.push('', `Strategies: ${STRATEGIES.join(', ')}`, '', 'Experiments (scaling-lab run <name> [--preset …]):');
      for (const e of experiments) lines.push(`  ${e.name.padEnd(28)}  ${e.backbone}: ${e.strategies.join(', ')}`);
      lines.push('', 'Presets:');
      for (const p of presets) lines.push(`  ${p.id.padEnd(6)}  ${p.description}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
