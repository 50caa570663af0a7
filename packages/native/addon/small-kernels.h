// Direct loops for the convolution gradients oneDNN 2.6 only runs through its slow gemm fallback.
#pragma once
#include "geometry.h"

namespace sln {

// Depthwise filter gradients whose output map is at most kSmallDepthwiseOutput pixels (oneDNN's jit
// depthwise kernel rejects them; its gemm fallback is ~10x slower than this loop).
constexpr int kSmallDepthwiseOutput = 4;
bool UseSmallDepthwiseFilterGrad(const Geometry& g);
void DepthwiseFilterGradDirect(const Geometry& g, const float* x, const float* dy, float* dw);

// Input gradients of plain convolutions with one input channel (the first layer of a greyscale net).
bool UseSingleChannelInputGrad(const Geometry& g);
void SingleChannelInputGradDirect(const Geometry& g, const float* dy, const float* w, float* dx);

}  // namespace sln
