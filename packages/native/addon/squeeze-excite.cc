// Plain loops the compiler vectorises along channels (the innermost NHWC axis); examples are split across
// the OpenMP threads the other kernels use.
#include "squeeze-excite.h"

#include <cstddef>

namespace sln {

void GlobalAveragePool(int32_t n, int32_t hw, int32_t c, const float* x, float* y) {
  const float inv = 1.f / static_cast<float>(hw);
#pragma omp parallel for schedule(static)
  for (int32_t b = 0; b < n; b++) {
    float* out = y + static_cast<size_t>(b) * c;
    const float* in = x + static_cast<size_t>(b) * hw * c;
    for (int32_t k = 0; k < c; k++) out[k] = 0.f;
    for (int32_t p = 0; p < hw; p++) {
      const float* px = in + static_cast<size_t>(p) * c;
      for (int32_t k = 0; k < c; k++) out[k] += px[k];
    }
    for (int32_t k = 0; k < c; k++) out[k] *= inv;
  }
}

void ChannelScale(int32_t n, int32_t hw, int32_t c, const float* x, const float* s, float* y) {
#pragma omp parallel for schedule(static)
  for (int32_t b = 0; b < n; b++) {
    const float* scale = s + static_cast<size_t>(b) * c;
    const size_t base = static_cast<size_t>(b) * hw * c;
    for (int32_t p = 0; p < hw; p++) {
      const float* in = x + base + static_cast<size_t>(p) * c;
      float* out = y + base + static_cast<size_t>(p) * c;
      for (int32_t k = 0; k < c; k++) out[k] = in[k] * scale[k];
    }
  }
}

}  // namespace sln
