import * as tf from '@tensorflow/tfjs';
import { createModel, profileModel, UnknownBackboneError } from './index';

beforeAll(async () => {
  await tf.setBackend('cpu');
  // The cpu backend's banner recommending tfjs-node is noise here.
  (tf.backend() as { firstUse?: boolean }).firstUse = false;
});

describe('createModel', () => {
  test('EfficientNet-B0 with 10 classes: 4,020,358 trainable params at 3 input channels', () => {
    // Published B0 (1000 classes): 5,288,548 trainable. Its classifier is 1280×1000 + 1000 = 1,281,000;
    // with 10 classes it is 1280×10 + 10 = 12,810, so 5,288,548 − 1,281,000 + 12,810 = 4,020,358.
    const model = createModel('efficientnet-b0', { numClasses: 10 });
    expect(profileModel(model).params.trainable).toBe(4_020_358);
    expect(model.inputs[0].shape).toEqual([null, 224, 224, 3]);
    model.dispose();
  });

  test('inputChannels changes only the stem convolution: 3×3×32 weights per channel', () => {
    const rgb = createModel('efficientnet-b0', { numClasses: 10, resolution: 32 });
    const grey = createModel('efficientnet-b0', { numClasses: 10, resolution: 32, inputChannels: 1 });
    expect(profileModel(rgb).params.trainable - profileModel(grey).params.trainable).toBe(2 * 3 * 3 * 32);
    expect(grey.inputs[0].shape).toEqual([null, 32, 32, 1]);
    rgb.dispose();
    grey.dispose();
  });

  test('width, depth and resolution reach the model: MobileNetV2 ×0.5 wide, ×2 deep, at 64 px', () => {
    const model = createModel('mobilenet-v2', { numClasses: 10, width: 0.5, depth: 2, resolution: 64 });
    const ofClass = (name: string) => model.layers.filter((l) => l.getClassName() === name);
    expect(model.inputs[0].shape).toEqual([null, 64, 64, 3]);
    // The stem's 32 channels × 0.5 = 16 (a multiple of 8); stride 2 halves 64 px.
    expect(ofClass('Conv2D')[0].outputShape).toEqual([null, 32, 32, 16]);
    // One depthwise conv per block: MobileNetV2's repeats 1+2+3+4+3+3+1 = 17, each doubled.
    expect(ofClass('DepthwiseConv2D')).toHaveLength(34);
    model.dispose();
  });

  test('builds ResNet-50 down to half its total stride: 16 px ends on a one-pixel map', () => {
    const model = createModel('resnet-50', { numClasses: 10, width: 0.25, resolution: 16, inputChannels: 1 });
    expect(model.inputs[0].shape).toEqual([null, 16, 16, 1]);
    const convs = model.layers.filter((l) => l.getClassName() === 'Conv2D');
    expect((convs[convs.length - 1].outputShape as number[]).slice(1, 3)).toEqual([1, 1]);
    expect(model.outputs[0].shape).toEqual([null, 10]);
    model.dispose();
  });

  test.each([
    [{ numClasses: 0 }, /numClasses must be an integer ≥ 1, got 0/],
    [{ numClasses: 10, inputChannels: 2.5 }, /inputChannels must be an integer ≥ 1, got 2.5/],
    [{ numClasses: 10, width: -1 }, /width must be a positive number/],
    [{ numClasses: 10, phi: Number.NaN }, /phi must be a finite number/],
    [{ numClasses: 10, resolution: 8 }, /resolution must be an integer ≥ 16, got 8/],
  ])('rejects %p with a message naming the option', (options, message) => {
    expect(() => createModel('mobilenet-v2', options)).toThrow(message);
  });

  test('an unknown id names the registered ones', () => {
    expect(() => createModel('resnet-9000', { numClasses: 10 })).toThrow(UnknownBackboneError);
    expect(() => createModel('resnet-9000', { numClasses: 10 })).toThrow(/choose one of: .*efficientnet-b0/);
  });
});
