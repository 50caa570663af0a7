/**
 * MobileNetV2 backbone (Sandler et al. 2018; Keras `applications.MobileNetV2`, alpha = 1, 224 px): the stage
 * table, the builder, and the `Backbone` record the registry discovers.
 */
export { MOBILENET_V2_BASE, MOBILENET_V2_STAGES, type MobileNetV2Stage } from './stage-table';
export { BN, buildMobileNetV2 } from './build';
export { mobileNetV2 } from './backbone';
