/**
 * Presets size every experiment for a kind of machine. `quick` (the default) is sized so that one
 * ×1/×2/×4 ladder trains in about a quarter of an hour on two CPU cores; `smoke` runs in seconds on
 * synthetic data for tests; `standard` gives every point of an `-all` experiment 3 seeds on the full
 * training set; `paper` follows the EfficientNet paper's ImageNet setting (Sec. 5.2) for users with a GPU
 * and an image-folder dataset.
 */
import type { ScaleRequest } from '@scaling-lab/scaling';

/** Inputs of 20–32 px need a finer resolution step than the reference's 8 (20 px → 24 → 28, not 24 → 32). */
const SMALL_IMAGE_DIVISOR = 4;

export type PresetId = 'smoke' | 'quick' | 'standard' | 'paper';
export const PRESET_IDS: readonly PresetId[] = ['smoke', 'quick', 'standard', 'paper'];

export interface TrainingSettings {
  readonly epochs: number;
  readonly batchSize: number;
  readonly optimizer: 'adam' | 'sgd' | 'rmsprop';
  readonly learningRate: number;
  readonly schedule: 'cosine' | 'step' | 'constant';
  readonly warmupEpochs: number;
  readonly labelSmoothing: number;
  readonly weightDecay: number;
  readonly augment: readonly ('flip' | 'crop')[];
  /** Start every residual block as the identity (γ = 0 on its branch's last batch norm): deep points train. */
  readonly zeroInitResidual: boolean;
  readonly limitTrain?: number;
  readonly limitTest?: number;
}

export interface Preset {
  readonly id: PresetId;
  readonly description: string;
  /** 'fashion-mnist', 'synthetic' or 'folder:<dir>'. */
  readonly dataset: string;
  /** Input channels the models are built with (grey datasets are replicated to 3 when 3). */
  readonly channels: 1 | 3;
  /** The ×1 point of every ladder: small enough to train on the preset's machine. */
  readonly baseline: ScaleRequest;
  /** Target FLOPs ratios of the ladder (×1, ×2, ×4, ...). */
  readonly ratios: readonly number[];
  readonly seeds: number;
  readonly training: TrainingSettings;
}

/**
 * The Fashion-MNIST setting `quick` (one seed) and `standard` (three) share. Below the native 28 px
 * (area-averaged), so the ladder's resolution steps show the larger models detail the baseline cannot see.
 * Every point gets the same 2 epochs over all 60k images: the ResNet-50 baseline passes 82% top-1, and with
 * zeroInitResidual the ×2/×4 points train at least as far as the baseline does.
 */
const FASHION_MNIST_20PX = {
  dataset: 'fashion-mnist',
  channels: 1,
  baseline: { width: 0.25, resolution: 20, resolutionDivisor: SMALL_IMAGE_DIVISOR },
  ratios: [1, 2, 4],
  training: {
    epochs: 2,
    batchSize: 64,
    optimizer: 'adam',
    learningRate: 2e-3,
    schedule: 'cosine',
    warmupEpochs: 0.1,
    labelSmoothing: 0,
    weightDecay: 0,
    augment: [],
    zeroInitResidual: true,
  },
} as const satisfies Omit<Preset, 'id' | 'description' | 'seeds'>;

export const PRESETS: Readonly<Record<PresetId, Preset>> = {
  smoke: {
    id: 'smoke',
    description: 'seconds on synthetic data: checks the whole pipeline, not accuracy',
    dataset: 'synthetic',
    channels: 1,
    baseline: { width: 0.25, resolution: 32, resolutionDivisor: SMALL_IMAGE_DIVISOR },
    ratios: [1, 2],
    seeds: 1,
    training: {
      epochs: 1,
      batchSize: 32,
      optimizer: 'adam',
      learningRate: 1e-3,
      schedule: 'constant',
      warmupEpochs: 0,
      labelSmoothing: 0,
      weightDecay: 0,
      augment: [],
      zeroInitResidual: true,
      limitTrain: 128,
      limitTest: 64,
    },
  },
  quick: {
    id: 'quick',
    description:
      'Fashion-MNIST area-averaged to 20 px, quarter-width baseline, 2 epochs over all 60k images: at most 15 minutes per ladder on 2 CPU cores',
    ...FASHION_MNIST_20PX,
    seeds: 1,
    training: { ...FASHION_MNIST_20PX.training, limitTest: 10000 },
  },
  standard: {
    id: 'standard',
    description:
      'Fashion-MNIST at 20 px (below its native 28 px) from a quarter-width baseline, 3 seeds, every point on all 60k training images',
    ...FASHION_MNIST_20PX,
    seeds: 3,
  },
  paper: {
    id: 'paper',
    // EfficientNet Sec. 5.2: RMSProp decay 0.9 momentum 0.9, BN momentum 0.99, weight decay 1e-5, initial
    // LR 0.256 decaying 0.97 every 2.4 epochs, swish, AutoAugment, stochastic depth 0.2 (here: flip + crop).
    description: '224 px ImageNet-style setting of the EfficientNet paper, for a GPU and an image-folder dataset',
    dataset: 'folder:data/imagenet',
    channels: 3,
    baseline: {},
    ratios: [1, 2, 4, 8],
    seeds: 1,
    training: {
      epochs: 350,
      batchSize: 256,
      optimizer: 'rmsprop',
      learningRate: 0.016,
      schedule: 'step',
      warmupEpochs: 5,
      labelSmoothing: 0.1,
      weightDecay: 1e-5,
      augment: ['flip', 'crop'],
      // The paper's TF reference initialises every γ to 1.
      zeroInitResidual: false,
    },
  },
};
