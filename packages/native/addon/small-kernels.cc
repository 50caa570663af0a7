// Plain loops, NHWC, for the two gradient shapes oneDNN 2.6 handles badly. Both accumulate over output
// pixels and filter taps, skipping taps that land in the padding; the innermost loop runs over channels,
// which are contiguous in NHWC and in tfjs's filter layout, so the compiler vectorises it.
#include "small-kernels.h"

#include <algorithm>
#include <cstring>

namespace sln {

bool UseSmallDepthwiseFilterGrad(const Geometry& g) { return g.groups > 1 && g.oh * g.ow <= kSmallDepthwiseOutput; }

bool UseSingleChannelInputGrad(const Geometry& g) { return g.groups == 1 && g.ci == 1; }

namespace {

// Calls tap(n, dy offset of output pixel (n, oy, ox), input row iy, input column ix, filter tap index
// ky * kw + kx) for every filter tap of every output pixel that lands inside the input (not in the padding).
template <typename Tap>
void ForEachTap(const Geometry& g, Tap tap) {
  for (int n = 0; n < g.n; n++) {
    for (int oy = 0; oy < g.oh; oy++) {
      for (int ox = 0; ox < g.ow; ox++) {
        const long dyOffset = ((static_cast<long>(n) * g.oh + oy) * g.ow + ox) * g.co;
        for (int ky = 0; ky < g.kh; ky++) {
          const int iy = oy * g.sh - g.pt + ky * g.dh;
          if (iy < 0 || iy >= g.h) continue;
          for (int kx = 0; kx < g.kw; kx++) {
            const int ix = ox * g.sw - g.pl + kx * g.dw;
            if (ix < 0 || ix >= g.w) continue;
            tap(n, dyOffset, iy, ix, ky * g.kw + kx);
          }
        }
      }
    }
  }
}

}  // namespace

void DepthwiseFilterGradDirect(const Geometry& g, const float* x, const float* dy, float* dw) {
  const int c = g.ci, m = g.co / g.groups, co = g.co;
  std::memset(dw, 0, sizeof(float) * g.kh * g.kw * co);
  ForEachTap(g, [&](int n, long dyOffset, int iy, int ix, int k) {
    const float* dyRow = dy + dyOffset;
    const float* xRow = x + ((static_cast<long>(n) * g.h + iy) * g.w + ix) * c;
    float* dwRow = dw + static_cast<long>(k) * co;
    if (m == 1) {
      for (int ch = 0; ch < c; ch++) dwRow[ch] += xRow[ch] * dyRow[ch];
    } else {
      for (int ch = 0; ch < c; ch++)
        for (int j = 0; j < m; j++) dwRow[ch * m + j] += xRow[ch] * dyRow[ch * m + j];
    }
  });
}

void SingleChannelInputGradDirect(const Geometry& g, const float* dy, const float* w, float* dx) {
  const int co = g.co;
  std::memset(dx, 0, sizeof(float) * g.n * g.h * g.w);
  ForEachTap(g, [&](int n, long dyOffset, int iy, int ix, int k) {
    const float* dyRow = dy + dyOffset;
    const float* wRow = w + static_cast<long>(k) * co;  // filter [kh, kw, 1, co]
    float sum = 0.f;
#pragma omp simd reduction(+ : sum)
    for (int o = 0; o < co; o++) sum += dyRow[o] * wRow[o];
    dx[(static_cast<long>(n) * g.h + iy) * g.w + ix] += sum;
  });
}

}  // namespace sln
