// oneDNN convolutions on caller-owned NHWC buffers, one primitive per (pass, geometry) cached for reuse.
#pragma once
#include <string>
#include "geometry.h"

namespace sln {

// Forward: a = x, b = filter, bias may be null, out = y.
// Backward data: a = dy, b = filter, out = dx.
// Backward weights: a = x, b = dy, out = dW, in the filter's tfjs layout.
void RunConvolution(Pass pass, const Geometry& g, Activation act, const float* a, const float* b, const float* bias, float* out);

// The oneDNN implementation chosen for a pass and geometry, e.g. "brg:avx512_core" or "gemm:jit".
std::string ConvolutionImplementation(Pass pass, const Geometry& g, Activation act, bool bias);

// Drops every cached primitive (oneDNN partitions work for the thread count current when a primitive is made).
void ClearPrimitiveCache();

// Number of cached primitives (for tests of the cache and for diagnostics).
size_t CachedPrimitiveCount();

}  // namespace sln
