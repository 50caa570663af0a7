// Loops over channels-last data: the innermost loop runs over the channels, contiguous in memory, so the
// compiler vectorises it for the build machine (-O3 -march=native). Parallel loops split rows (elementwise
// work) or fixed row chunks (reductions, then summed in chunk order), never anything that changes results.
#include "train-kernels.h"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

namespace sln {
namespace {

// Rows per reduction chunk: a fixed size, so the summation order does not depend on the thread count.
constexpr size_t kChunkRows = 256;
// Below this many elements a kernel runs on the calling thread: waking a team costs more than it saves.
constexpr size_t kParallelMin = 1 << 16;

size_t Chunks(size_t rows) { return std::max<size_t>(1, (rows + kChunkRows - 1) / kChunkRows); }

// Per-channel sums over rows of f(row, channel-vector) into double[c], chunked. `body(row, acc)` adds one
// row to a double accumulator of c entries (or two, see the callers).
template <int kSums, typename Body>
void ChannelSums(size_t rows, int c, double* out, Body body) {
  const size_t chunks = Chunks(rows);
  std::vector<double> partial(chunks * kSums * c, 0.0);
  const bool parallel = rows * c >= kParallelMin && chunks > 1;
#pragma omp parallel for schedule(static) if (parallel)
  for (size_t k = 0; k < chunks; k++) {
    double* acc = partial.data() + k * kSums * c;
    const size_t end = std::min(rows, (k + 1) * kChunkRows);
    for (size_t r = k * kChunkRows; r < end; r++) body(r, acc);
  }
  std::fill(out, out + kSums * c, 0.0);
  for (size_t k = 0; k < chunks; k++) {
    const double* acc = partial.data() + k * kSums * c;
    for (int j = 0; j < kSums * c; j++) out[j] += acc[j];
  }
}

inline float Activate(Activation act, float v) {
  if (act == Activation::kRelu) return v > 0.f ? v : 0.f;
  if (act == Activation::kRelu6) return std::min(std::max(v, 0.f), 6.f);
  return v;
}

// y = x * a[c] + b[c], then the activation, over rows (parallel by rows).
void AffineRows(size_t rows, int c, const float* x, const float* a, const float* b, Activation act, float* y) {
  const bool parallel = rows * c >= kParallelMin;
#pragma omp parallel for schedule(static) if (parallel)
  for (size_t r = 0; r < rows; r++) {
    const float* xr = x + r * c;
    float* yr = y + r * c;
    if (act == Activation::kRelu) {
#pragma omp simd
      for (int j = 0; j < c; j++) yr[j] = std::max(xr[j] * a[j] + b[j], 0.f);
    } else if (act == Activation::kRelu6) {
#pragma omp simd
      for (int j = 0; j < c; j++) yr[j] = std::min(std::max(xr[j] * a[j] + b[j], 0.f), 6.f);
    } else {
#pragma omp simd
      for (int j = 0; j < c; j++) yr[j] = xr[j] * a[j] + b[j];
    }
  }
}

// Passes dy where the activation's output y shows its derivative is 1: ReLU y > 0, ReLU6 0 < y < 6. A
// template parameter, so each loop below is compiled branch-free (masked) for its activation.
template <Activation A>
inline float Pass(float dy, float y) {
  if constexpr (A == Activation::kRelu) return y > 0.f ? dy : 0.f;
  if constexpr (A == Activation::kRelu6) return (y > 0.f && y < 6.f) ? dy : 0.f;
  return dy;
}

template <Activation A>
void BackwardImpl(size_t rows, int c, const float* dyIn, const float* y, const float* x, const float* scale,
                  const float* mean, const float* variance, float epsilon, float* dx, float* dscale, float* doffset) {
  std::vector<double> sums(2 * c);
  // sums[0..c): sum of dy; sums[c..2c): sum of dy * (x - mean).
  std::vector<float> meanF(mean, mean + c);
  const float* m = meanF.data();
  ChannelSums<2>(rows, c, sums.data(), [&](size_t r, double* acc) {
    const float* d = dyIn + r * c;
    const float* xr = x + r * c;
    const float* yr = A == Activation::kLinear ? d : y + r * c;
    double* sDy = acc;
    double* sDyXc = acc + c;
#pragma omp simd
    for (int j = 0; j < c; j++) {
      const float g = Pass<A>(d[j], yr[j]);
      sDy[j] += g;
      sDyXc[j] += static_cast<double>(g) * (xr[j] - m[j]);
    }
  });
  // dx = gamma * rstd * (dy - mean(dy) - xhat * mean(dy * xhat)) = dy * a + x * b + e per channel.
  std::vector<float> a(c), b(c), e(c);
  const double count = static_cast<double>(rows);
  for (int j = 0; j < c; j++) {
    const double rstd = 1.0 / std::sqrt(static_cast<double>(variance[j]) + epsilon);
    const double g = scale[j];
    doffset[j] = static_cast<float>(sums[j]);
    dscale[j] = static_cast<float>(sums[c + j] * rstd);
    a[j] = static_cast<float>(g * rstd);
    const double bj = -g * rstd * rstd * rstd * sums[c + j] / count;
    b[j] = static_cast<float>(bj);
    e[j] = static_cast<float>(-g * rstd * sums[j] / count - bj * mean[j]);
  }
  const float* pa = a.data();
  const float* pb = b.data();
  const float* pe = e.data();
  const bool parallel = rows * c >= kParallelMin;
#pragma omp parallel for schedule(static) if (parallel)
  for (size_t r = 0; r < rows; r++) {
    const float* d = dyIn + r * c;
    const float* xr = x + r * c;
    const float* yr = A == Activation::kLinear ? d : y + r * c;
    float* o = dx + r * c;
#pragma omp simd
    for (int j = 0; j < c; j++) o[j] = Pass<A>(d[j], yr[j]) * pa[j] + xr[j] * pb[j] + pe[j];
  }
}

}  // namespace

void BatchNormTrainingForward(size_t rows, int c, const float* x, const float* scale, const float* offset,
                              const float* movingMean, const float* movingVariance, float epsilon, float momentum,
                              Activation act, float* y, float* mean, float* variance, float* newMovingMean,
                              float* newMovingVariance) {
  std::vector<double> sum(c), sq(c);
  ChannelSums<1>(rows, c, sum.data(), [&](size_t r, double* acc) {
    const float* xr = x + r * c;
#pragma omp simd
    for (int j = 0; j < c; j++) acc[j] += xr[j];
  });
  std::vector<float> meanF(c);
  for (int j = 0; j < c; j++) meanF[j] = static_cast<float>(sum[j] / static_cast<double>(rows));
  // Two passes (mean, then squared deviations) as tf.moments does: no cancellation in E[x^2] - E[x]^2.
  ChannelSums<1>(rows, c, sq.data(), [&](size_t r, double* acc) {
    const float* xr = x + r * c;
#pragma omp simd
    for (int j = 0; j < c; j++) {
      const float d = xr[j] - meanF[j];
      acc[j] += static_cast<double>(d) * d;
    }
  });
  std::vector<float> a(c), b(c);
  const float decay = 1.f - momentum;
  for (int j = 0; j < c; j++) {
    const float var = static_cast<float>(sq[j] / static_cast<double>(rows));
    mean[j] = meanF[j];
    variance[j] = var;
    const double rstd = 1.0 / std::sqrt(static_cast<double>(var) + epsilon);
    a[j] = static_cast<float>(scale[j] * rstd);
    b[j] = static_cast<float>(offset[j] - meanF[j] * scale[j] * rstd);
    newMovingMean[j] = movingMean[j] - (movingMean[j] - meanF[j]) * decay;
    newMovingVariance[j] = movingVariance[j] - (movingVariance[j] - var) * decay;
  }
  AffineRows(rows, c, x, a.data(), b.data(), act, y);
}

void BatchNormTrainingBackward(size_t rows, int c, const float* dy, const float* x, const float* scale,
                               const float* mean, const float* variance, float epsilon, float* dx, float* dscale,
                               float* doffset) {
  BackwardImpl<Activation::kLinear>(rows, c, dy, nullptr, x, scale, mean, variance, epsilon, dx, dscale, doffset);
}

void BatchNormActivationBackward(size_t rows, int c, Activation act, const float* dy, const float* y,
                                 const float* x, const float* scale, const float* mean, const float* variance,
                                 float epsilon, float* dx, float* dscale, float* doffset) {
  if (act == Activation::kRelu) BackwardImpl<Activation::kRelu>(rows, c, dy, y, x, scale, mean, variance, epsilon, dx, dscale, doffset);
  else if (act == Activation::kRelu6) BackwardImpl<Activation::kRelu6>(rows, c, dy, y, x, scale, mean, variance, epsilon, dx, dscale, doffset);
  else BackwardImpl<Activation::kLinear>(rows, c, dy, x, x, scale, mean, variance, epsilon, dx, dscale, doffset);
}

void ActivationGrad(GradKind kind, size_t n, const float* dy, const float* x, float lo, float hi, float* dx) {
  const bool parallel = n >= kParallelMin;
  switch (kind) {
    case GradKind::kRelu:
#pragma omp parallel for simd schedule(static) if (parallel)
      for (size_t i = 0; i < n; i++) dx[i] = x[i] > 0.f ? dy[i] : 0.f;
      break;
    case GradKind::kRelu6:
#pragma omp parallel for simd schedule(static) if (parallel)
      for (size_t i = 0; i < n; i++) dx[i] = (x[i] > 0.f && x[i] <= 6.f) ? dy[i] : 0.f;
      break;
    case GradKind::kClip:
#pragma omp parallel for simd schedule(static) if (parallel)
      for (size_t i = 0; i < n; i++) dx[i] = (x[i] >= lo && x[i] <= hi) ? dy[i] : 0.f;
      break;
    case GradKind::kSigmoid:  // x holds the forward's output y
#pragma omp parallel for simd schedule(static) if (parallel)
      for (size_t i = 0; i < n; i++) dx[i] = dy[i] * x[i] * (1.f - x[i]);
      break;
    case GradKind::kSwish:
#pragma omp parallel for schedule(static) if (parallel)
      for (size_t i = 0; i < n; i++) {
        const float s = 1.f / (1.f + std::exp(-x[i]));
        dx[i] = dy[i] * s * (1.f + x[i] * (1.f - s));
      }
      break;
    case GradKind::kHardSwish:
#pragma omp parallel for simd schedule(static) if (parallel)
      for (size_t i = 0; i < n; i++) {
        const float u = x[i] + 3.f;
        const float r6 = std::min(std::max(u, 0.f), 6.f);
        dx[i] = dy[i] * (r6 + ((u > 0.f && u <= 6.f) ? x[i] : 0.f)) / 6.f;
      }
      break;
  }
}

int OptimizerSlots(Optimizer kind) { return kind == Optimizer::kMomentum ? 1 : 2; }

int OptimizerHyperParams(Optimizer kind) {
  switch (kind) {
    case Optimizer::kAdam: return 6;
    case Optimizer::kRMSProp: return 4;
    default: return 3;
  }
}

void OptimizerUpdate(Optimizer kind, size_t n, const float* const* in, float* const* out, const double* h) {
  const float* value = in[0];
  const float* g = in[1];
  float* value2 = out[0];
  const bool parallel = n >= kParallelMin;
  if (kind == Optimizer::kAdam) {
    const float lr = h[0], b1 = h[1], b2 = h[2], eps = h[3], c1 = h[4], c2 = h[5];
    const float* m = in[2];
    const float* v = in[3];
    float* m2 = out[1];
    float* v2 = out[2];
#pragma omp parallel for simd schedule(static) if (parallel)
    for (size_t i = 0; i < n; i++) {
      const float mi = m[i] * b1 + g[i] * (1.f - b1);
      const float vi = v[i] * b2 + g[i] * g[i] * (1.f - b2);
      m2[i] = mi;
      v2[i] = vi;
      value2[i] = value[i] - lr * (mi / c1) / (std::sqrt(vi / c2) + eps);
    }
  } else if (kind == Optimizer::kRMSProp) {
    const float lr = h[0], decay = h[1], mom = h[2], eps = h[3];
    const float* ms = in[2];
    const float* mo = in[3];
    float* ms2 = out[1];
    float* mo2 = out[2];
#pragma omp parallel for simd schedule(static) if (parallel)
    for (size_t i = 0; i < n; i++) {
      const float msi = ms[i] * decay + g[i] * g[i] * (1.f - decay);
      const float moi = mo[i] * mom + g[i] * lr / std::sqrt(msi + eps);
      ms2[i] = msi;
      mo2[i] = moi;
      value2[i] = value[i] - moi;
    }
  } else {
    const float lr = h[0], mom = h[1];
    const bool nesterov = h[2] != 0.0;
    const float* acc = in[2];
    float* acc2 = out[1];
#pragma omp parallel for simd schedule(static) if (parallel)
    for (size_t i = 0; i < n; i++) {
      const float a = mom * acc[i] + g[i];
      acc2[i] = a;
      value2[i] = value[i] - lr * (nesterov ? g[i] + a * mom : a);
    }
  }
}

void MaxPoolGrad(const Geometry& g, const float* x, const float* dy, float* dx) {
  const int c = g.ci;
  const size_t image = static_cast<size_t>(g.h) * g.w * c;
  const bool parallel = static_cast<size_t>(g.n) * image >= kParallelMin;
  // Images are independent (windows never cross images), so splitting by image changes nothing.
#pragma omp parallel for schedule(static) if (parallel)
  for (int n = 0; n < g.n; n++) {
    std::vector<float> best(c);
    std::vector<long> at(c);
    float* dxImage = dx + n * image;
    std::memset(dxImage, 0, sizeof(float) * image);
    for (int oy = 0; oy < g.oh; oy++) {
      for (int ox = 0; ox < g.ow; ox++) {
        std::fill(best.begin(), best.end(), -std::numeric_limits<float>::infinity());
        std::fill(at.begin(), at.end(), -1L);
        for (int ky = 0; ky < g.kh; ky++) {
          const int iy = oy * g.sh - g.pt + ky;
          if (iy < 0 || iy >= g.h) continue;
          for (int kx = 0; kx < g.kw; kx++) {
            const int ix = ox * g.sw - g.pl + kx;
            if (ix < 0 || ix >= g.w) continue;
            const long base = (static_cast<long>(iy) * g.w + ix) * c;
            const float* xr = x + n * image + base;
            for (int j = 0; j < c; j++) {
              if (xr[j] > best[j]) {
                best[j] = xr[j];
                at[j] = base + j;
              }
            }
          }
        }
        const float* d = dy + ((static_cast<size_t>(n) * g.oh + oy) * g.ow + ox) * c;
        for (int j = 0; j < c; j++)
          if (at[j] >= 0) dxImage[at[j]] += d[j];
      }
    }
  }
}

}  // namespace sln
