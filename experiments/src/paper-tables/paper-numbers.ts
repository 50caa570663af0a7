/**
 * The EfficientNet paper's published costs, as data: Table 2 (EfficientNet-B0…B7: parameters and FLOPs) and
 * Table 3 (MobileNetV1, MobileNetV2 and ResNet-50 scaled by depth, width, resolution and compound scaling:
 * FLOPs and top-1). Source: M. Tan and Q. V. Le, "EfficientNet: Rethinking Model Scaling for Convolutional
 * Neural Networks", ICML 2019 (arXiv:1905.11946), Tables 2 and 3. FLOPs there are multiply-adds, printed
 * rounded to one or two significant digits.
 */
import type { ScaleRequest } from '@scaling-lab/scaling';

export const PAPER_CITATION =
  'M. Tan and Q. V. Le, "EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks", ICML 2019 (arXiv:1905.11946)';

export interface Table2Row {
  readonly model: string;
  /** Registry id of the backbone, built at its own resolution. */
  readonly backbone: string;
  readonly params: number;
  readonly flops: number;
}

/** Table 2: EfficientNet performance on ImageNet (#Params and #FLOPs columns). */
export const TABLE2: readonly Table2Row[] = [
  { model: 'EfficientNet-B0', backbone: 'efficientnet-b0', params: 5.3e6, flops: 0.39e9 },
  { model: 'EfficientNet-B1', backbone: 'efficientnet-b1', params: 7.8e6, flops: 0.7e9 },
  { model: 'EfficientNet-B2', backbone: 'efficientnet-b2', params: 9.2e6, flops: 1.0e9 },
  { model: 'EfficientNet-B3', backbone: 'efficientnet-b3', params: 12e6, flops: 1.8e9 },
  { model: 'EfficientNet-B4', backbone: 'efficientnet-b4', params: 19e6, flops: 4.2e9 },
  { model: 'EfficientNet-B5', backbone: 'efficientnet-b5', params: 30e6, flops: 9.9e9 },
  { model: 'EfficientNet-B6', backbone: 'efficientnet-b6', params: 43e6, flops: 19e9 },
  { model: 'EfficientNet-B7', backbone: 'efficientnet-b7', params: 66e6, flops: 37e9 },
];

export type Table3Kind = 'baseline' | 'depth' | 'width' | 'resolution' | 'compound';

export interface Table3Row {
  /** The row's label as printed. */
  readonly row: string;
  readonly backbone: string;
  readonly kind: Table3Kind;
  /** The scaling the row states (resolution r as a multiplier of the 224-px base). */
  readonly request: ScaleRequest;
  readonly flops: number;
  readonly top1: number;
  /**
   * Set when the paper does not state the row's scaling and we assume one: what we assumed and why.
   */
  readonly assumption?: string;
}

/** The compound rows of MobileNetV2 and ResNet-50 print no coefficients; MobileNetV1's row prints these. */
const COMPOUND_AS_PRINTED_FOR_MOBILENET_V1: ScaleRequest = { depth: 1.4, width: 1.2, resolutionMultiplier: 1.3 };
const UNSTATED_COMPOUND =
  "the paper prints no coefficients for this row; we use the MobileNetV1 row's d=1.4, w=1.2, r=1.3 (≈ φ=2 with α=1.2, β=1.1, γ=1.15)";

/** Table 3: Scaling up MobileNets and ResNet (FLOPs, top-1). */
export const TABLE3: readonly Table3Row[] = [
  { row: 'Baseline MobileNetV1', backbone: 'mobilenet-v1', kind: 'baseline', request: {}, flops: 0.6e9, top1: 70.6 },
  {
    row: 'Scale MobileNetV1 by width (w=2)',
    backbone: 'mobilenet-v1',
    kind: 'width',
    request: { width: 2 },
    flops: 2.2e9,
    top1: 74.2,
  },
  {
    row: 'Scale MobileNetV1 by resolution (r=2)',
    backbone: 'mobilenet-v1',
    kind: 'resolution',
    request: { resolutionMultiplier: 2 },
    flops: 2.2e9,
    top1: 72.7,
  },
  {
    row: 'compound scale (d=1.4, w=1.2, r=1.3)',
    backbone: 'mobilenet-v1',
    kind: 'compound',
    request: COMPOUND_AS_PRINTED_FOR_MOBILENET_V1,
    flops: 2.3e9,
    top1: 75.6,
  },
  { row: 'Baseline MobileNetV2', backbone: 'mobilenet-v2', kind: 'baseline', request: {}, flops: 0.3e9, top1: 72.0 },
  {
    row: 'Scale MobileNetV2 by depth (d=4)',
    backbone: 'mobilenet-v2',
    kind: 'depth',
    request: { depth: 4 },
    flops: 1.2e9,
    top1: 76.8,
  },
  {
    row: 'Scale MobileNetV2 by width (w=2)',
    backbone: 'mobilenet-v2',
    kind: 'width',
    request: { width: 2 },
    flops: 1.1e9,
    top1: 76.4,
  },
  {
    row: 'Scale MobileNetV2 by resolution (r=2)',
    backbone: 'mobilenet-v2',
    kind: 'resolution',
    request: { resolutionMultiplier: 2 },
    flops: 1.2e9,
    top1: 74.8,
  },
  {
    row: 'MobileNetV2 compound scale',
    backbone: 'mobilenet-v2',
    kind: 'compound',
    request: COMPOUND_AS_PRINTED_FOR_MOBILENET_V1,
    flops: 1.3e9,
    top1: 77.4,
    assumption: UNSTATED_COMPOUND,
  },
  { row: 'Baseline ResNet-50', backbone: 'resnet-50', kind: 'baseline', request: {}, flops: 4.1e9, top1: 76.0 },
  {
    row: 'Scale ResNet-50 by depth (d=4)',
    backbone: 'resnet-50',
    kind: 'depth',
    request: { depth: 4 },
    flops: 16.2e9,
    top1: 78.1,
  },
  {
    row: 'Scale ResNet-50 by width (w=2)',
    backbone: 'resnet-50',
    kind: 'width',
    request: { width: 2 },
    flops: 14.7e9,
    top1: 77.7,
  },
  {
    row: 'Scale ResNet-50 by resolution (r=2)',
    backbone: 'resnet-50',
    kind: 'resolution',
    request: { resolutionMultiplier: 2 },
    flops: 16.4e9,
    top1: 77.5,
  },
  {
    row: 'ResNet-50 compound scale',
    backbone: 'resnet-50',
    kind: 'compound',
    request: COMPOUND_AS_PRINTED_FOR_MOBILENET_V1,
    flops: 16.7e9,
    top1: 78.8,
    assumption: UNSTATED_COMPOUND,
  },
];
