// Convolution geometry as the TypeScript side computes it from tfjs's conv info, NHWC float32 tensors.
// Grouped (depthwise) convolutions have groups = input channels and a [kh, kw, C, m] filter.
#pragma once
#include <cstdint>

namespace sln {

struct Geometry {
  int32_t n, h, w, ci;      // input [n, h, w, ci]
  int32_t oh, ow, co;       // output [n, oh, ow, co]
  int32_t kh, kw;           // filter taps
  int32_t sh, sw;           // strides
  int32_t dh, dw;           // dilations (1 = none)
  int32_t pt, pl, pb, pr;   // padding top, left, bottom, right
  int32_t groups;           // 1 for a plain convolution, ci for depthwise
};

constexpr int kGeometryFields = 18;

enum class Pass : int32_t { kForward = 0, kBackwardData = 1, kBackwardWeights = 2 };

// Forward-pass activation fused into the convolution as a oneDNN post-op.
enum class Activation : int32_t { kLinear = 0, kRelu = 1, kRelu6 = 2 };

}  // namespace sln
