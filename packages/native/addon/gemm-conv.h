// 1x1, stride-1, unpadded convolutions as matrix products on the NHWC buffers: the input is a [n*h*w, ci]
// matrix and tfjs's [1, 1, ci, co] filter a [ci, co] one, so oneDNN's sgemm runs all three passes in place,
// with no filter reorder (the convolution primitives reorder the filter on every call).
#pragma once
#include "geometry.h"

namespace sln {

bool UseGemmConvolution(const Geometry& g);

// Same arguments as RunConvolution (conv.h).
void GemmConvolution(Pass pass, const Geometry& g, Activation act, const float* a, const float* b, const float* bias, float* out);

}  // namespace sln
