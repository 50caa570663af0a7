/**
 * `scaling-lab inspect`: builds a backbone at a given scale and prints its params and FLOPs (multiply-adds),
 * the scaled stage table, optionally the per-layer profile, or one JSON object.
 */
import { formatCount, formatInteger, formatProfileTable, type StageSpec } from '@scaling-lab/backbones';
import type { Command } from 'commander';
import { summarizeModel, summaryToJson, type ModelSummary } from '../../model-summary';
import { addScaleOptions, scaleRequestFrom, type ScaleFlags } from '../scale-options';
import { backboneFromFlag } from '../backbone-flag';
import { integerInRange } from '../parse';
import { useQuietCpuBackend } from '../tf-setup';

interface InspectFlags extends ScaleFlags {
  classes: number;
  channels: number;
  layers?: boolean;
  json?: boolean;
}

export function registerInspect(program: Command): void {
  const command = program
    .command('inspect')
    .description('params and FLOPs (multiply-adds) of a backbone at a given scale');
  addScaleOptions(command);
  command
    .option('--classes <N>', 'number of classes', integerInRange('--classes', 1, 100000, '10'), 1000)
    .option('--channels <C>', 'input channels', integerInRange('--channels', 1, 64, '3'), 3)
    .option('--layers', 'print the per-layer profile table')
    .option('--json', 'print one JSON object')
    .action(async (flags: InspectFlags) => {
      const backbone = backboneFromFlag(flags.backbone);
      await useQuietCpuBackend();
      const request = scaleRequestFrom(backbone, flags);
      const summary = summarizeModel(backbone, request, flags.classes, flags.channels);
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(summaryToJson(summary, Boolean(flags.layers)))}\n`);
        return;
      }
      process.stdout.write(`${formatSummary(summary)}\n`);
      if (flags.layers) process.stdout.write(`\n${formatProfileTable(summary.profile)}\n`);
    });
}

function formatSummary(s: ModelSummary): string {
  const { spec, profile, backbone } = s;
  const phi = spec.scale.phi === null ? '' : `  φ=${round(spec.scale.phi)}`;
  const lines = [
    `${backbone.name} (${backbone.id})  depth ×${round(spec.scale.depth)}  width ×${round(spec.scale.width)}  ` +
      `resolution ${spec.resolution}px (×${round(spec.scale.resolution)})${phi}`,
    `params      ${formatInteger(profile.params.trainable)} trainable, ${formatInteger(profile.params.total)} total`,
    `FLOPs       ${formatCount(profile.flops)} multiply-adds (conv + dense); ${formatCount(profile.otherOps)} other elementwise ops`,
    `input       ${spec.resolution}×${spec.resolution}×${s.inputChannels}, ${s.numClasses} classes`,
    '',
    `stem ${spec.stem} channels${spec.head === null ? '' : `, head ${spec.head} channels`}`,
    ...stageLines(spec.stages),
  ];
  return lines.join('\n');
}

function stageLines(stages: readonly StageSpec[]): string[] {
  const keys = [...new Set(stages.flatMap((s) => Object.keys(s)))];
  const header = ['stage', ...keys];
  // Stage numbers match layer names: the stem is stage 1 (EfficientNet Table 1).
  const rows = stages.map((s, i) => [
    String(i + 2),
    ...keys.map((k) => String((s as unknown as Record<string, unknown>)[k] ?? '')),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  return [fmt(header), ...rows.map(fmt)];
}

function round(x: number): number {
  return Number(x.toFixed(3));
}
