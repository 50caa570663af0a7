/**
 * EfficientNet (Tan & Le 2019): the B0 block table (Table 1), the B0-B7 coefficient table (Table 2), the
 * one builder, and the B0-B7 `Backbone` records the registry discovers.
 */
export { EFFICIENTNET_B0_BASE, EFFICIENTNET_B0_STAGES, SE_RATIO, type EfficientNetStage } from './stage-table';
export {
  CHANNEL_DIVISOR,
  EFFICIENTNET_COEFFICIENTS,
  EFFICIENTNET_VARIANTS,
  variantBase,
  type EfficientNetCoefficients,
  type EfficientNetVariant,
} from './coefficients';
export { BN, buildEfficientNet, denseInitializer, seOptions, type EfficientNetBuildOptions } from './build';
export { EFFICIENTNET_PUBLISHED, KERAS_NORMALIZATION_PARAMS, type EfficientNetPublished } from './reference';
export { DEFAULT_DROP_CONNECT, efficientNet, efficientNets } from './backbone';
