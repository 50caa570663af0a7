/**
 * The scaling flags shared by `inspect`, `train` and friends, and their translation into a ScaleRequest.
 * Values are validated here, at the boundary; inside, types are trusted.
 */
import type { Backbone, StageSpec } from '@scaling-lab/core';
import { minimumResolution, PAPER_COEFFICIENTS, type ScaleRequest, scaleSpec } from '@scaling-lab/scaling';
import type { Command } from 'commander';
import { UsageError } from './errors';
import { finiteNumber, integerInRange, positiveNumber } from './parse';

/** Generous upper bounds: far beyond the paper's largest model (B7: width 2, depth 3.1, 600 px). */
const MAX_MULTIPLIER = 16;
const MAX_RESOLUTION = 4096;

export interface ScaleFlags {
  backbone: string;
  depth?: number;
  width?: number;
  resolution?: number;
  resolutionMult?: number;
  phi?: number;
  alpha?: number;
  beta?: number;
  gamma?: number;
}

export function addScaleOptions(command: Command, options: { backboneRequired?: boolean } = {}): Command {
  if (options.backboneRequired === false)
    command.option('--backbone <id>', "backbone id (see 'scaling-lab list'; required without --spec)");
  else command.requiredOption('--backbone <id>', "backbone id (see 'scaling-lab list')");
  return command
    .option(
      '--depth <d>',
      'depth multiplier (repeats per stage, rounded up)',
      positiveNumber('--depth', MAX_MULTIPLIER, '2'),
    )
    .option(
      '--width <w>',
      'width multiplier (channels rounded to multiples of 8)',
      positiveNumber('--width', MAX_MULTIPLIER, '0.5'),
    )
    .option('--resolution <px>', 'input size in pixels', integerInRange('--resolution', 1, MAX_RESOLUTION, '224'))
    .option(
      '--resolution-mult <r>',
      'input size multiplier of the base resolution',
      positiveNumber('--resolution-mult', MAX_MULTIPLIER, '1.15'),
    )
    .option(
      '--phi <φ>',
      'compound coefficient: depth α^φ, width β^φ, resolution γ^φ',
      finiteNumber('--phi', -8, 8, '1'),
    )
    .option(
      '--alpha <α>',
      `compound depth base (default ${PAPER_COEFFICIENTS.alpha})`,
      positiveNumber('--alpha', 4, '1.2'),
    )
    .option(
      '--beta <β>',
      `compound width base (default ${PAPER_COEFFICIENTS.beta})`,
      positiveNumber('--beta', 4, '1.1'),
    )
    .option(
      '--gamma <γ>',
      `compound resolution base (default ${PAPER_COEFFICIENTS.gamma})`,
      positiveNumber('--gamma', 4, '1.15'),
    );
}

/** Translates validated flags into a ScaleRequest, checking what needs the backbone (minimum input size). */
export function scaleRequestFrom(backbone: Backbone<StageSpec>, flags: ScaleFlags): ScaleRequest {
  if (flags.resolution !== undefined && flags.resolutionMult !== undefined) {
    throw new UsageError(
      '--resolution and --resolution-mult are exclusive; give the size in pixels or as a multiplier, not both',
    );
  }
  const coefficientsGiven = flags.alpha !== undefined || flags.beta !== undefined || flags.gamma !== undefined;
  if (coefficientsGiven && flags.phi === undefined) {
    throw new UsageError('--alpha/--beta/--gamma only apply with --phi; add --phi (e.g. --phi 1)');
  }
  const request: ScaleRequest = {
    depth: flags.depth,
    width: flags.width,
    resolution: flags.resolution,
    resolutionMultiplier: flags.resolutionMult,
    phi: flags.phi,
    coefficients: {
      alpha: flags.alpha ?? PAPER_COEFFICIENTS.alpha,
      beta: flags.beta ?? PAPER_COEFFICIENTS.beta,
      gamma: flags.gamma ?? PAPER_COEFFICIENTS.gamma,
    },
  };
  const { resolution } = scaleSpec(backbone, request);
  const minimum = minimumResolution(backbone);
  if (resolution < minimum) {
    const flag =
      flags.resolution !== undefined ? `--resolution ${flags.resolution}` : `the scaled resolution ${resolution}px`;
    throw new UsageError(
      `${flag} is below half ${backbone.id}'s total stride; allowed: ${minimum}..${MAX_RESOLUTION} px (e.g. --resolution ${Math.max(32, backbone.totalStride)})`,
    );
  }
  return request;
}
