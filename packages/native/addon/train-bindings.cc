// N-API entry points of the training kernels. Tensors arrive as Float32Array views of the wasm heap, except
// for the optimizer update, which takes the heap itself and byte offsets (one call updates every variable of
// a model, and hundreds of views would cost more than the arithmetic).
#include "train-bindings.h"

#include <string>
#include <vector>

#include "napi-args.h"
#include "train-kernels.h"

namespace sln {
namespace {

size_t Length(const Napi::Env& env, const Napi::Value& value, const char* name) {
  if (!value.IsTypedArray() || value.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
    throw Napi::TypeError::New(env, std::string(name) + " must be a Float32Array");
  }
  return value.As<Napi::Float32Array>().ElementLength();
}

int32_t Int(const Napi::Env& env, const Napi::Value& value, int32_t lo, int32_t hi, const char* name) {
  if (!value.IsNumber()) throw Napi::TypeError::New(env, std::string(name) + " must be a number");
  const int32_t v = value.As<Napi::Number>().Int32Value();
  if (v < lo || v > hi) throw Napi::RangeError::New(env, std::string(name) + " must be " + std::to_string(lo) + ".." + std::to_string(hi) + ", got " + std::to_string(v));
  return v;
}

float Number(const Napi::Env& env, const Napi::Value& value, const char* name) {
  if (!value.IsNumber()) throw Napi::TypeError::New(env, std::string(name) + " must be a number");
  return value.As<Napi::Number>().FloatValue();
}

void Expect(const Napi::CallbackInfo& info, size_t n, const char* usage) {
  if (info.Length() != n) throw Napi::TypeError::New(info.Env(), std::string(usage) + " takes " + std::to_string(n) + " arguments");
}

// x: [rows, c], c = scale's length. Returns rows, checking that c divides x's length.
size_t RowsOf(const Napi::Env& env, size_t xLength, size_t c) {
  if (c == 0 || xLength % c != 0) throw Napi::RangeError::New(env, "x's length " + std::to_string(xLength) + " is not a multiple of the channel count " + std::to_string(c));
  return xLength / c;
}

// batchNormForward(activation, epsilon, momentum, x, scale, offset, movingMean, movingVariance,
//                  y, mean, variance, newMovingMean, newMovingVariance)
void BatchNormForward(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Expect(info, 13, "batchNormForward(activation, epsilon, momentum, x, scale, offset, movingMean, movingVariance, y, mean, variance, newMovingMean, newMovingVariance)");
  const auto act = static_cast<Activation>(Int(env, info[0], 0, 2, "activation"));
  const float epsilon = Number(env, info[1], "epsilon"), momentum = Number(env, info[2], "momentum");
  const size_t n = Length(env, info[3], "x"), c = Length(env, info[4], "scale");
  const size_t rows = RowsOf(env, n, c);
  BatchNormTrainingForward(rows, static_cast<int>(c), Floats(env, info[3], n, "x"), Floats(env, info[4], c, "scale"),
                           Floats(env, info[5], c, "offset"), Floats(env, info[6], c, "movingMean"),
                           Floats(env, info[7], c, "movingVariance"), epsilon, momentum, act, Floats(env, info[8], n, "y"),
                           Floats(env, info[9], c, "mean"), Floats(env, info[10], c, "variance"),
                           Floats(env, info[11], c, "newMovingMean"), Floats(env, info[12], c, "newMovingVariance"));
}

// batchNormBackward(activation, epsilon, dy, y | null, x, scale, mean, variance, dx, dscale, doffset):
// with an activation, dy is its output gradient and y its output.
void BatchNormBackward(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Expect(info, 11, "batchNormBackward(activation, epsilon, dy, y, x, scale, mean, variance, dx, dscale, doffset)");
  const auto act = static_cast<Activation>(Int(env, info[0], 0, 2, "activation"));
  const float epsilon = Number(env, info[1], "epsilon");
  const size_t n = Length(env, info[4], "x"), c = Length(env, info[5], "scale");
  const size_t rows = RowsOf(env, n, c);
  const bool hasY = !info[3].IsNull() && !info[3].IsUndefined();
  if (hasY != (act != Activation::kLinear)) throw Napi::TypeError::New(env, "y is needed exactly when an activation is folded in");
  const float* dy = Floats(env, info[2], n, "dy");
  const float* y = hasY ? Floats(env, info[3], n, "y") : nullptr;
  const float* x = Floats(env, info[4], n, "x");
  const float* scale = Floats(env, info[5], c, "scale");
  const float* mean = Floats(env, info[6], c, "mean");
  const float* variance = Floats(env, info[7], c, "variance");
  float* dx = Floats(env, info[8], n, "dx");
  float* dscale = Floats(env, info[9], c, "dscale");
  float* doffset = Floats(env, info[10], c, "doffset");
  if (hasY) BatchNormActivationBackward(rows, static_cast<int>(c), act, dy, y, x, scale, mean, variance, epsilon, dx, dscale, doffset);
  else BatchNormTrainingBackward(rows, static_cast<int>(c), dy, x, scale, mean, variance, epsilon, dx, dscale, doffset);
}

// activationGrad(kind, lo, hi, dy, x, dx)
void ActivationGradient(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Expect(info, 6, "activationGrad(kind, lo, hi, dy, x, dx)");
  const auto kind = static_cast<GradKind>(Int(env, info[0], 0, kGradKinds - 1, "kind"));
  const float lo = Number(env, info[1], "lo"), hi = Number(env, info[2], "hi");
  const size_t n = Length(env, info[4], "x");
  ActivationGrad(kind, n, Floats(env, info[3], n, "dy"), Floats(env, info[4], n, "x"), lo, hi, Floats(env, info[5], n, "dx"));
}

// optimizerUpdate(kind, hyper: Float64Array, heap: ArrayBuffer, offsets: Float64Array, lengths: Float64Array):
// per variable k, lengths[k] floats and 2 * (1 + slots) + 1 byte offsets into heap: value, gradient,
// slots..., then new value, new slots...
void OptimizerUpdateAll(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Expect(info, 5, "optimizerUpdate(kind, hyper, heap, offsets, lengths)");
  const auto kind = static_cast<Optimizer>(Int(env, info[0], 0, 2, "optimizer"));
  auto f64 = [&](const Napi::Value& v, const char* name) {
    if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float64_array) throw Napi::TypeError::New(env, std::string(name) + " must be a Float64Array");
    return v.As<Napi::Float64Array>();
  };
  auto hyper = f64(info[1], "hyper");
  if (hyper.ElementLength() != static_cast<size_t>(OptimizerHyperParams(kind))) throw Napi::RangeError::New(env, "hyper must hold " + std::to_string(OptimizerHyperParams(kind)) + " values for this optimizer");
  if (!info[2].IsArrayBuffer()) throw Napi::TypeError::New(env, "heap must be an ArrayBuffer");
  auto heap = info[2].As<Napi::ArrayBuffer>();
  auto* base = static_cast<uint8_t*>(heap.Data());
  const double heapBytes = static_cast<double>(heap.ByteLength());
  auto offsets = f64(info[3], "offsets");
  auto lengths = f64(info[4], "lengths");
  const int slots = OptimizerSlots(kind);
  const size_t perVariable = 2 * (1 + slots) + 1;
  const size_t count = lengths.ElementLength();
  if (offsets.ElementLength() != count * perVariable) throw Napi::RangeError::New(env, "offsets must hold " + std::to_string(perVariable) + " byte offsets per variable");
  std::vector<float*> ptrs(count * perVariable);
  for (size_t k = 0; k < count; k++) {
    const double len = lengths[k];
    if (!(len >= 0) || len != static_cast<double>(static_cast<size_t>(len))) throw Napi::RangeError::New(env, "lengths must be whole numbers");
    for (size_t j = 0; j < perVariable; j++) {
      const double off = offsets[k * perVariable + j];
      if (!(off >= 0) || off != static_cast<double>(static_cast<size_t>(off)) || static_cast<size_t>(off) % sizeof(float) != 0 || off + len * sizeof(float) > heapBytes) {
        throw Napi::RangeError::New(env, "variable " + std::to_string(k) + ": byte offset " + std::to_string(off) + " with " + std::to_string(static_cast<size_t>(len)) + " floats lies outside the heap or is misaligned");
      }
      ptrs[k * perVariable + j] = reinterpret_cast<float*>(base + static_cast<size_t>(off));
    }
  }
  const size_t inputs = 2 + slots;
  for (size_t k = 0; k < count; k++) {
    float* const* p = ptrs.data() + k * perVariable;
    OptimizerUpdate(kind, static_cast<size_t>(lengths[k]), p, p + inputs, hyper.Data());
  }
}

// maxPoolGrad(geometry, x, dy, dx)
void MaxPoolGradient(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Expect(info, 4, "maxPoolGrad(geometry, x, dy, dx)");
  const Geometry g = ReadGeometry(env, info[0]);
  if (g.co != g.ci || g.groups != g.ci || g.dh != 1 || g.dw != 1) throw Napi::RangeError::New(env, "maxPoolGrad: the geometry must keep the channels (co = ci = groups) without dilation");
  const size_t input = static_cast<size_t>(g.n) * g.h * g.w * g.ci;
  const size_t output = static_cast<size_t>(g.n) * g.oh * g.ow * g.co;
  MaxPoolGrad(g, Floats(env, info[1], input, "x"), Floats(env, info[2], output, "dy"), Floats(env, info[3], input, "dx"));
}

}  // namespace

void RegisterTrainKernels(Napi::Env env, Napi::Object exports) {
  exports.Set("batchNormForward", Napi::Function::New(env, BatchNormForward));
  exports.Set("batchNormBackward", Napi::Function::New(env, BatchNormBackward));
  exports.Set("activationGrad", Napi::Function::New(env, ActivationGradient));
  exports.Set("optimizerUpdate", Napi::Function::New(env, OptimizerUpdateAll));
  exports.Set("maxPoolGrad", Napi::Function::New(env, MaxPoolGradient));
}

}  // namespace sln
