// The two memory-bound halves of a squeeze-and-excitation gate on NHWC buffers, which the wasm backend runs
// slowly (its mean over height and width transposes first; its broadcast multiply is generic).
#pragma once
#include <cstdint>

namespace sln {

// y[n, c] = mean over the hw pixels of x[n, :, c].
void GlobalAveragePool(int32_t n, int32_t hw, int32_t c, const float* x, float* y);

// y[n, p, c] = x[n, p, c] * s[n, c] for each of the hw pixels p.
void ChannelScale(int32_t n, int32_t hw, int32_t c, const float* x, const float* s, float* y);

}  // namespace sln
