// convInference(geometry, activation, x, filter, bias | null, residual | null, y),
// inferenceImplementation(geometry, activation, hasBias, hasResidual), globalAveragePool(n, hw, c, x, y) and
// channelScale(n, hw, c, x, s, y): argument checks, then the kernel.
#include "inference-bindings.h"

#include <oneapi/dnnl/dnnl.hpp>
#include <string>

#include "inference-conv.h"
#include "napi-args.h"
#include "squeeze-excite.h"

namespace sln {
namespace {

InferenceActivation ReadInferenceActivation(const Napi::Env& env, const Napi::Value& value) {
  if (!value.IsNumber()) throw Napi::TypeError::New(env, "activation must be a number");
  const int32_t a = value.As<Napi::Number>().Int32Value();
  if (a < 0 || a >= kInferenceActivations) {
    throw Napi::RangeError::New(env, "activation must be 0 (linear), 1 (relu), 2 (relu6), 3 (swish), 4 (sigmoid), 5 (hard-swish) or 6 (hard-sigmoid), got " + std::to_string(a));
  }
  return static_cast<InferenceActivation>(a);
}

bool Present(const Napi::Value& v) { return !v.IsNull() && !v.IsUndefined(); }

void ConvInference(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 7) throw Napi::TypeError::New(env, "convInference(geometry, activation, x, filter, bias, residual, y) takes 7 arguments");
  const Geometry g = ReadGeometry(env, info[0]);
  const InferenceActivation act = ReadInferenceActivation(env, info[1]);
  const size_t input = static_cast<size_t>(g.n) * g.h * g.w * g.ci;
  const size_t output = static_cast<size_t>(g.n) * g.oh * g.ow * g.co;
  const size_t filter = static_cast<size_t>(g.kh) * g.kw * (g.ci / g.groups) * g.co;
  const float* x = Floats(env, info[2], input, "x");
  const float* w = Floats(env, info[3], filter, "filter");
  const float* bias = Present(info[4]) ? Floats(env, info[4], g.co, "bias") : nullptr;
  const float* residual = Present(info[5]) ? Floats(env, info[5], output, "residual") : nullptr;
  float* y = Floats(env, info[6], output, "y");
  try {
    RunInferenceConvolution(g, act, x, w, bias, residual, y);
  } catch (const dnnl::error& e) {
    throw Napi::Error::New(env, std::string("oneDNN: ") + e.what() + " (status " + std::to_string(static_cast<int>(e.status)) + ")");
  }
}

Napi::Value Implementation(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 4) throw Napi::TypeError::New(env, "inferenceImplementation(geometry, activation, hasBias, hasResidual) takes 4 arguments");
  const Geometry g = ReadGeometry(env, info[0]);
  const InferenceActivation act = ReadInferenceActivation(env, info[1]);
  try {
    return Napi::String::New(env, InferenceConvolutionImplementation(g, act, info[2].ToBoolean().Value(), info[3].ToBoolean().Value()));
  } catch (const dnnl::error& e) {
    throw Napi::Error::New(env, std::string("oneDNN: ") + e.what());
  }
}

// n, hw and c: positive whole numbers whose products fit the buffers' lengths (checked by Floats).
int32_t Dim(const Napi::Env& env, const Napi::Value& value, const char* name) {
  if (!value.IsNumber()) throw Napi::TypeError::New(env, std::string(name) + " must be a number");
  const double d = value.As<Napi::Number>().DoubleValue();
  if (!(d >= 1 && d <= 2147483647.0) || d != static_cast<double>(static_cast<int32_t>(d))) {
    throw Napi::RangeError::New(env, std::string(name) + " must be a whole number >= 1, got " + std::to_string(d));
  }
  return static_cast<int32_t>(d);
}

void GlobalAveragePoolBinding(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 5) throw Napi::TypeError::New(env, "globalAveragePool(n, hw, c, x, y) takes 5 arguments");
  const int32_t n = Dim(env, info[0], "n"), hw = Dim(env, info[1], "hw"), c = Dim(env, info[2], "c");
  const float* x = Floats(env, info[3], static_cast<size_t>(n) * hw * c, "x");
  float* y = Floats(env, info[4], static_cast<size_t>(n) * c, "y");
  GlobalAveragePool(n, hw, c, x, y);
}

void ChannelScaleBinding(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 6) throw Napi::TypeError::New(env, "channelScale(n, hw, c, x, s, y) takes 6 arguments");
  const int32_t n = Dim(env, info[0], "n"), hw = Dim(env, info[1], "hw"), c = Dim(env, info[2], "c");
  const size_t size = static_cast<size_t>(n) * hw * c;
  const float* x = Floats(env, info[3], size, "x");
  const float* s = Floats(env, info[4], static_cast<size_t>(n) * c, "s");
  float* y = Floats(env, info[5], size, "y");
  ChannelScale(n, hw, c, x, s, y);
}

}  // namespace

void RegisterInferenceKernels(Napi::Env env, Napi::Object exports) {
  exports.Set("convInference", Napi::Function::New(env, ConvInference));
  exports.Set("inferenceImplementation", Napi::Function::New(env, Implementation));
  exports.Set("globalAveragePool", Napi::Function::New(env, GlobalAveragePoolBinding));
  exports.Set("channelScale", Napi::Function::New(env, ChannelScaleBinding));
}

}  // namespace sln
