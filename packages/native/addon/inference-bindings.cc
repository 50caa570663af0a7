// convInference(geometry, activation, x, filter, bias | null, residual | null, y) and
// inferenceImplementation(geometry, activation, hasBias, hasResidual): argument checks, then the kernel.
#include "inference-bindings.h"

#include <oneapi/dnnl/dnnl.hpp>
#include <string>

#include "inference-conv.h"
#include "napi-args.h"

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

}  // namespace

void RegisterInferenceKernels(Napi::Env env, Napi::Object exports) {
  exports.Set("convInference", Napi::Function::New(env, ConvInference));
  exports.Set("inferenceImplementation", Napi::Function::New(env, Implementation));
}

}  // namespace sln
