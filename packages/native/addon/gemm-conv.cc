// The products run in fixed blocks (rows of the output for the forward and input-gradient passes, columns
// of the filter gradient), each block one single-threaded sgemm call. The blocks depend
// only on the shape, so every output element is computed by the same call whatever the thread count: the
// results have the same bits on any number of threads.
#include "gemm-conv.h"

#include <omp.h>

#include <algorithm>
#include <cstddef>

#include <oneapi/dnnl/dnnl.hpp>

namespace sln {
namespace {

constexpr long kRowBlock = 256;
constexpr long kColumnBlock = 64;

void Check(dnnl_status_t status) {
  if (status != dnnl_success) throw dnnl::error(status, "sgemm failed");
}

}  // namespace

bool UseGemmConvolution(const Geometry& g) {
  return g.groups == 1 && g.kh == 1 && g.kw == 1 && g.sh == 1 && g.sw == 1 && g.dh == 1 && g.dw == 1 && g.pt == 0 &&
         g.pl == 0 && g.pb == 0 && g.pr == 0 && g.oh == g.h && g.ow == g.w;
}

// Runs body(k) for k in [0, blocks): on the calling thread alone for one block (no team to wake, and sgemm
// told to use one thread), else one block per loop iteration across the team (sgemm inside a parallel
// region runs on its own thread).
template <typename Body>
void ForBlocks(long blocks, Body body) {
  if (blocks == 1) {
    const int saved = omp_get_max_threads();
    if (saved != 1) omp_set_num_threads(1);
    body(0);
    if (saved != 1) omp_set_num_threads(saved);
    return;
  }
#pragma omp parallel for schedule(static)
  for (long k = 0; k < blocks; k++) body(k);
}

void GemmConvolution(Pass pass, const Geometry& g, Activation act, const float* a, const float* b, const float* bias, float* out) {
  const long m = static_cast<long>(g.n) * g.h * g.w, ci = g.ci, co = g.co;
  dnnl_status_t status = dnnl_success;
  if (pass == Pass::kBackwardWeights) {
    // dW[ci, co] = X^T dY, by blocks of columns: each block sums over all m rows in one call.
    const long blocks = (co + kColumnBlock - 1) / kColumnBlock;
    ForBlocks(blocks, [&](long k) {
      const long c0 = k * kColumnBlock, cols = std::min(kColumnBlock, co - c0);
      const dnnl_status_t s = dnnl_sgemm('T', 'N', ci, cols, m, 1.f, a, ci, b + c0, co, 0.f, out + c0, co);
      if (s != dnnl_success) {
#pragma omp critical
        status = s;
      }
    });
    Check(status);
    return;
  }
  const long blocks = (m + kRowBlock - 1) / kRowBlock;
  ForBlocks(blocks, [&](long k) {
    const long r0 = k * kRowBlock, rows = std::min(kRowBlock, m - r0);
    dnnl_status_t s;
    if (pass == Pass::kForward) {
      // Y[rows, co] = X[rows, ci] W[ci, co], then bias and activation on the block while it is in cache.
      float* y = out + r0 * co;
      s = dnnl_sgemm('N', 'N', rows, co, ci, 1.f, a + r0 * ci, ci, b, co, 0.f, y, co);
      if (bias != nullptr || act != Activation::kLinear) {
        for (long r = 0; r < rows; r++) {
          float* yr = y + r * co;
          if (bias != nullptr) {
#pragma omp simd
            for (long j = 0; j < co; j++) yr[j] += bias[j];
          }
          if (act == Activation::kRelu) {
#pragma omp simd
            for (long j = 0; j < co; j++) yr[j] = std::max(yr[j], 0.f);
          } else if (act == Activation::kRelu6) {
#pragma omp simd
            for (long j = 0; j < co; j++) yr[j] = std::min(std::max(yr[j], 0.f), 6.f);
          }
        }
      }
    } else {
      // dX[rows, ci] = dY[rows, co] W^T.
      s = dnnl_sgemm('N', 'T', rows, ci, co, 1.f, a + r0 * co, co, b, co, 0.f, out + r0 * ci, ci);
    }
    if (s != dnnl_success) {
#pragma omp critical
      status = s;
    }
  });
  Check(status);
}

}  // namespace sln
