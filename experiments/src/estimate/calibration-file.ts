/**
 * Reads calibration runs (what experiments/scripts/calibrate-cost-model.sh writes, one JSON object a line:
 * the run's name, native threads, its process times, and `scaling-lab train --json`'s result) into
 * samples for fit-cost-model.ts. The model's shape is counted from the result's spec, weight-free.
 */
import { getBackbone } from '@scaling-lab/backbones';
import type { ScaleRequest } from '@scaling-lab/scaling';
import { PRECISE_BN_IMAGES } from '@scaling-lab/train';
import { z } from 'zod';
import type { CalibrationSample } from './fit-cost-model';
import { modelShape } from './model-shape';

const count = z.number().int().positive();
const seconds = z.number().nonnegative();

/** Only the result fields the fit reads, so samples stay readable as the run record grows. */
const LineSchema = z.object({
  name: z.string().min(1),
  threads: count,
  time: z.object({ user: seconds, sys: seconds, wall: z.number().positive() }),
  result: z.object({
    spec: z.object({
      backbone: z.string(),
      scale: z.record(z.string(), z.unknown()),
      recipe: z.object({ batchSize: count }),
    }),
    measured: z.object({
      channels: z.union([z.literal(1), z.literal(3)]),
      epochs: count,
      imagesSeen: count,
      testImages: count,
      seconds: z.number().positive(),
      backend: z.string(),
    }),
  }),
});

export function parseCalibrationLines(text: string, source: string): CalibrationSample[] {
  return text
    .split('\n')
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line !== '')
    .map(([line, number]) => {
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        throw new Error(`${source}:${number}: not JSON`);
      }
      const parsed = LineSchema.safeParse(raw);
      if (!parsed.success)
        throw new Error(`${source}:${number}: not a calibration run (${parsed.error.issues[0].path.join('.')})`);
      const { name, threads, time, result } = parsed.data;
      const { spec, measured } = result;
      // Calibration runs train on Fashion-MNIST: 10 classes.
      const shape = modelShape(getBackbone(spec.backbone), spec.scale as ScaleRequest, {
        numClasses: 10,
        inputChannels: measured.channels,
      });
      const trainImages = measured.imagesSeen / measured.epochs;
      return {
        name,
        shape,
        batchSize: spec.recipe.batchSize,
        trainImages: measured.imagesSeen,
        forwardImages: measured.testImages + Math.min(PRECISE_BN_IMAGES, trainImages),
        trainSeconds: measured.seconds,
        wallSeconds: time.wall,
        cpuSeconds: time.user + time.sys,
        threads,
        backend: measured.backend,
      };
    });
}
