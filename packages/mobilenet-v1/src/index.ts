/**
 * MobileNetV1 backbone (Howard et al. 2017; Keras `applications.MobileNet`, alpha = 1, 224 px): the stage
 * table, the builder, and the `Backbone` record the registry discovers.
 */
export { MOBILENET_V1_BASE, MOBILENET_V1_STAGES, type MobileNetV1Stage } from './stage-table';
export { BN, buildMobileNetV1 } from './build';
export { depthwiseSeparable } from './blocks';
export { mobileNetV1 } from './backbone';
