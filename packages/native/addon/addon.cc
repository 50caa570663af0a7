// N-API entry points of the oneDNN kernels. Tensors arrive as Float32Array views (typically of the wasm
// backend's heap) and are read and written in place; every length is checked against the geometry first,
// because a wrong length here would be a silent out-of-bounds write, not an exception.
#include <napi.h>
#include <omp.h>

#include <oneapi/dnnl/dnnl.hpp>
#include <cstring>
#include <string>

#include "conv.h"
#include "geometry.h"
#include "inference-bindings.h"
#include "napi-args.h"
#include "signal-guard.h"
#include "small-kernels.h"
#include "train-bindings.h"

namespace {

using sln::Activation;
using sln::Geometry;
using sln::Pass;
using sln::Floats;
using sln::ReadGeometry;

const char* IsaName(dnnl::cpu_isa isa) {
  switch (isa) {
    case dnnl::cpu_isa::sse41: return "sse41";
    case dnnl::cpu_isa::avx: return "avx";
    case dnnl::cpu_isa::avx2: return "avx2";
    case dnnl::cpu_isa::avx2_vnni: return "avx2_vnni";
    case dnnl::cpu_isa::avx512_mic: return "avx512_mic";
    case dnnl::cpu_isa::avx512_mic_4ops: return "avx512_mic_4ops";
    case dnnl::cpu_isa::avx512_core: return "avx512_core";
    case dnnl::cpu_isa::avx512_core_vnni: return "avx512_core_vnni";
    case dnnl::cpu_isa::avx512_core_bf16: return "avx512_core_bf16";
    case dnnl::cpu_isa::avx512_core_amx: return "avx512_core_amx";
    default: return "generic";
  }
}

Napi::Object Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const dnnl_version_t* v = dnnl_version();
  Napi::Object out = Napi::Object::New(env);
  out.Set("onednn", std::to_string(v->major) + "." + std::to_string(v->minor) + "." + std::to_string(v->patch));
  out.Set("isa", IsaName(dnnl::get_effective_cpu_isa()));
  out.Set("threads", omp_get_max_threads());
  out.Set("cachedPrimitives", static_cast<double>(sln::CachedPrimitiveCount()));
  return out;
}

void SetThreads(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsNumber()) throw Napi::TypeError::New(info.Env(), "setThreads(n): n must be a number");
  const int n = info[0].As<Napi::Number>().Int32Value();
  if (n < 1 || n > 1024) throw Napi::RangeError::New(info.Env(), "setThreads(n): n must be 1..1024, got " + std::to_string(n));
  if (n != omp_get_max_threads()) {
    omp_set_num_threads(n);
    sln::ClearPrimitiveCache();
  }
  sln::BlockSignalsInWorkers();
}

Activation ReadActivation(const Napi::Env& env, const Napi::Value& value) {
  const int32_t a = value.As<Napi::Number>().Int32Value();
  if (a < 0 || a > 2) throw Napi::RangeError::New(env, "activation must be 0 (linear), 1 (relu) or 2 (relu6)");
  return static_cast<Activation>(a);
}

Pass ReadPass(const Napi::Env& env, const Napi::Value& value) {
  const int32_t p = value.As<Napi::Number>().Int32Value();
  if (p < 0 || p > 2) throw Napi::RangeError::New(env, "pass must be 0 (forward), 1 (backward data) or 2 (backward weights)");
  return static_cast<Pass>(p);
}

// conv(pass, geometry, activation, a, b, bias | null, out): see conv.h for what a, b and out hold.
void Conv(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 7) throw Napi::TypeError::New(env, "conv(pass, geometry, activation, a, b, bias, out) takes 7 arguments");
  const Pass pass = ReadPass(env, info[0]);
  const Geometry g = ReadGeometry(env, info[1]);
  const Activation act = ReadActivation(env, info[2]);
  const size_t input = static_cast<size_t>(g.n) * g.h * g.w * g.ci;
  const size_t output = static_cast<size_t>(g.n) * g.oh * g.ow * g.co;
  const size_t filter = static_cast<size_t>(g.kh) * g.kw * (g.ci / g.groups) * g.co;
  const bool hasBias = !info[5].IsNull() && !info[5].IsUndefined();
  if (pass != Pass::kForward && (hasBias || act != Activation::kLinear)) throw Napi::TypeError::New(env, "bias and activation apply to the forward pass only");
  try {
    if (pass == Pass::kForward) {
      const float* bias = hasBias ? Floats(env, info[5], g.co, "bias") : nullptr;
      sln::RunConvolution(pass, g, act, Floats(env, info[3], input, "x"), Floats(env, info[4], filter, "filter"), bias, Floats(env, info[6], output, "y"));
    } else if (pass == Pass::kBackwardData) {
      const float* dy = Floats(env, info[3], output, "dy");
      const float* w = Floats(env, info[4], filter, "filter");
      float* dx = Floats(env, info[6], input, "dx");
      if (sln::UseSingleChannelInputGrad(g)) sln::SingleChannelInputGradDirect(g, dy, w, dx);
      else sln::RunConvolution(pass, g, act, dy, w, nullptr, dx);
    } else {
      const float* x = Floats(env, info[3], input, "x");
      const float* dy = Floats(env, info[4], output, "dy");
      float* dw = Floats(env, info[6], filter, "dW");
      if (sln::UseSmallDepthwiseFilterGrad(g)) sln::DepthwiseFilterGradDirect(g, x, dy, dw);
      else sln::RunConvolution(pass, g, act, x, dy, nullptr, dw);
    }
  } catch (const dnnl::error& e) {
    throw Napi::Error::New(env, std::string("oneDNN: ") + e.what() + " (status " + std::to_string(static_cast<int>(e.status)) + ")");
  }
}

// implementation(pass, geometry, activation, hasBias): which code runs this case, for diagnostics.
Napi::Value Implementation(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Pass pass = ReadPass(env, info[0]);
  const Geometry g = ReadGeometry(env, info[1]);
  const Activation act = ReadActivation(env, info[2]);
  if (pass == Pass::kBackwardData && sln::UseSingleChannelInputGrad(g)) return Napi::String::New(env, "direct:single-channel-input-grad");
  if (pass == Pass::kBackwardWeights && sln::UseSmallDepthwiseFilterGrad(g)) return Napi::String::New(env, "direct:small-depthwise-filter-grad");
  try {
    return Napi::String::New(env, sln::ConvolutionImplementation(pass, g, act, info[3].ToBoolean().Value()));
  } catch (const dnnl::error& e) {
    throw Napi::Error::New(env, std::string("oneDNN: ") + e.what());
  }
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  sln::BlockSignalsInWorkers();
  exports.Set("info", Napi::Function::New(env, Info));
  exports.Set("setThreads", Napi::Function::New(env, SetThreads));
  exports.Set("conv", Napi::Function::New(env, Conv));
  exports.Set("implementation", Napi::Function::New(env, Implementation));
  sln::RegisterInferenceKernels(env, exports);
  sln::RegisterTrainKernels(env, exports);
  return exports;
}

}  // namespace

NODE_API_MODULE(scaling_lab_native, Init)
