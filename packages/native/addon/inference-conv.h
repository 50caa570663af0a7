// Inference convolutions: the forward pass with batch norm already folded into filter and bias, the
// activation and an optional residual add fused as oneDNN post-ops, so one call replaces conv, batch norm,
// add and activation kernels.
#pragma once
#include <cstdint>
#include <string>
#include "geometry.h"

namespace sln {

// The activation applied after the (optional) residual add; the numbers are the TypeScript side's.
enum class InferenceActivation : int32_t {
  kLinear = 0,
  kRelu = 1,
  kRelu6 = 2,
  kSwish = 3,        // x * sigmoid(x)
  kSigmoid = 4,
  kHardSwish = 5,    // x * relu6(x + 3) / 6
  kHardSigmoid = 6,  // relu6(x + 3) / 6
};
constexpr int32_t kInferenceActivations = 7;

// y = act(conv(x, filter) + bias + residual); bias and residual may be null. residual has y's shape.
void RunInferenceConvolution(const Geometry& g, InferenceActivation act, const float* x, const float* filter, const float* bias, const float* residual, float* y);

// The oneDNN implementation chosen for a case, e.g. "brg:avx512_core" (for diagnostics and tests).
std::string InferenceConvolutionImplementation(const Geometry& g, InferenceActivation act, bool bias, bool residual);

}  // namespace sln
