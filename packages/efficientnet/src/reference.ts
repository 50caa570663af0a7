/**
 * Published size and cost of EfficientNet B0-B7 at their own resolution, 1000 classes, 3 channels. The paper's
 * Table 2 is rounded (2 significant digits); torchvision's `num_params`/`_ops` and Keras' `summary()` totals
 * are exact counts of the reference architecture and pin the build down to the parameter.
 */
import type { EfficientNetVariant } from './coefficients';

export interface EfficientNetPublished {
  /** Paper Table 2 "#Params", as printed (e.g. 7.8M). */
  readonly paperParams: number;
  /** Paper Table 2 "#FLOPs" (multiply-adds), as printed (e.g. 0.70B). */
  readonly paperFlops: number;
  /** torchvision `EfficientNet_Bk_Weights.IMAGENET1K_V1.meta["num_params"]`: trainable, no BN statistics. */
  readonly trainableParams: number;
  /** Keras `applications.EfficientNetBk().summary()` total, which includes a 7-weight Normalization layer. */
  readonly kerasTotalParams: number;
  /** torchvision `meta["_ops"]` (GMACs) at its eval crop, which is the variant's resolution except B2's 288 px. */
  readonly torchvisionMacs: { readonly gmacs: number; readonly resolution: number };
}

/**
 * Keras EfficientNet's input `Normalization` layer (mean 3, variance 3, count 1): counted in Keras' total,
 * absent here because input normalisation belongs to the data pipeline.
 */
export const KERAS_NORMALIZATION_PARAMS = 7;

const row = (
  paperParams: number,
  paperFlops: number,
  trainableParams: number,
  kerasTotalParams: number,
  gmacs: number,
  resolution: number,
): EfficientNetPublished => ({
  paperParams,
  paperFlops,
  trainableParams,
  kerasTotalParams,
  torchvisionMacs: { gmacs, resolution },
});

export const EFFICIENTNET_PUBLISHED: Readonly<Record<EfficientNetVariant, EfficientNetPublished>> = {
  //     paper params, paper FLOPs, torchvision params, Keras total, torchvision GMACs @ px
  b0: row(5.3e6, 0.39e9, 5_288_548, 5_330_571, 0.386, 224),
  b1: row(7.8e6, 0.7e9, 7_794_184, 7_856_239, 0.687, 240),
  b2: row(9.2e6, 1.0e9, 9_109_994, 9_177_569, 1.088, 288),
  b3: row(12e6, 1.8e9, 12_233_232, 12_320_535, 1.827, 300),
  b4: row(19e6, 4.2e9, 19_341_616, 19_466_823, 4.394, 380),
  b5: row(30e6, 9.9e9, 30_389_784, 30_562_527, 10.266, 456),
  b6: row(43e6, 19e9, 43_040_704, 43_265_143, 19.068, 528),
  b7: row(66e6, 37e9, 66_347_960, 66_658_687, 37.746, 600),
};
