// Training kernels besides the convolutions: batch norm in training mode (forward with the batch moments and
// moving averages, backward), activation gradients, optimizer updates and max-pool's gradient. NHWC float32 on
// caller-owned buffers; every reduction runs in fixed row chunks summed in a fixed order, so a result has the
// same bits whatever OpenMP thread count a run gets.
#pragma once
#include <cstddef>
#include <cstdint>

#include "geometry.h"

namespace sln {

// x is [rows, c] (every leading axis flattened). Writes y, the batch mean and biased variance, and the moving
// statistics moved towards them: moving - (moving - batch) * (1 - momentum). `act` is applied to y.
void BatchNormTrainingForward(size_t rows, int c, const float* x, const float* scale, const float* offset,
                              const float* movingMean, const float* movingVariance, float epsilon, float momentum,
                              Activation act, float* y, float* mean, float* variance, float* newMovingMean,
                              float* newMovingVariance);

// dx, dscale, doffset of the forward above (without activation) from dy, x, scale and the batch moments.
void BatchNormTrainingBackward(size_t rows, int c, const float* dy, const float* x, const float* scale,
                               const float* mean, const float* variance, float epsilon, float* dx, float* dscale,
                               float* doffset);

// The same backward with the activation that followed the batch norm folded in: dy is the activation's
// output gradient and y the activation's output (ReLU: passes where y > 0; ReLU6: where 0 < y < 6).
void BatchNormActivationBackward(size_t rows, int c, Activation act, const float* dy, const float* y,
                                 const float* x, const float* scale, const float* mean, const float* variance,
                                 float epsilon, float* dx, float* dscale, float* doffset);

enum class GradKind : int32_t { kRelu = 0, kRelu6 = 1, kClip = 2, kSigmoid = 3, kSwish = 4, kHardSwish = 5 };
constexpr int32_t kGradKinds = 6;

// dx = dy * f'(x) elementwise (for sigmoid, x is the forward's output y). lo/hi are clip's bounds.
void ActivationGrad(GradKind kind, size_t n, const float* dy, const float* x, float lo, float hi, float* dx);

enum class Optimizer : int32_t { kAdam = 0, kRMSProp = 1, kMomentum = 2 };

// One variable's update. `in` holds value, gradient then the slots; `out` the new value then the new slots
// (Adam: m, v; RMSProp: mean square, moment; momentum: accumulation). `hyper` per optimizer:
// Adam [lr, beta1, beta2, epsilon, 1 - beta1^t, 1 - beta2^t]; RMSProp [lr, decay, momentum, epsilon];
// momentum [lr, momentum, nesterov 0/1].
void OptimizerUpdate(Optimizer kind, size_t n, const float* const* in, float* const* out, const double* hyper);
int OptimizerSlots(Optimizer kind);
int OptimizerHyperParams(Optimizer kind);

// Max pool's gradient: dy goes to the first maximum of each window in row-major window order (tfjs's cpu
// rule). The geometry is a convolution's with co = ci and groups = ci (dilations 1).
void MaxPoolGrad(const Geometry& g, const float* x, const float* dy, float* dx);

}  // namespace sln
