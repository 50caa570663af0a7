// oneDNN inference convolutions (prop_kind forward_inference) on caller-owned NHWC buffers. A residual add
// is oneDNN's sum post-op, which accumulates into the destination: the residual is copied there first.
// Primitives are cached per (geometry, activation, bias, residual, thread count): oneDNN partitions work for
// the thread count current when a primitive is made, so a change of threads makes new ones.
#include "inference-conv.h"
#include "dnnl-common.h"
#include "signal-guard.h"

#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <tuple>
#include <vector>

#include <omp.h>

#include <oneapi/dnnl/dnnl.hpp>

namespace sln {
namespace {

using dnnl::memory;
using tag = memory::format_tag;
using dt = memory::data_type;
using alg = dnnl::algorithm;

void AppendActivation(dnnl::post_ops& ops, InferenceActivation act) {
  switch (act) {
    case InferenceActivation::kLinear: break;
    case InferenceActivation::kRelu: ops.append_eltwise(1.f, alg::eltwise_relu, 0.f, 0.f); break;
    case InferenceActivation::kRelu6: ops.append_eltwise(1.f, alg::eltwise_clip, 0.f, 6.f); break;
    case InferenceActivation::kSwish: ops.append_eltwise(1.f, alg::eltwise_swish, 1.f, 0.f); break;
    case InferenceActivation::kSigmoid: ops.append_eltwise(1.f, alg::eltwise_logistic, 0.f, 0.f); break;
    case InferenceActivation::kHardSwish: ops.append_eltwise(1.f, alg::eltwise_hardswish, 0.f, 0.f); break;
    case InferenceActivation::kHardSigmoid:
      // relu6(x + 3) / 6 = clip(x / 6 + 1/2, 0, 1).
      ops.append_eltwise(1.f, alg::eltwise_linear, 1.f / 6.f, 0.5f);
      ops.append_eltwise(1.f, alg::eltwise_clip, 0.f, 1.f);
      break;
  }
}

struct Cached {
  dnnl::convolution_forward conv;
  memory::desc filterDesc;
  memory::desc userFilter;
  bool reorderFilter = false;
  dnnl::reorder filterReorder;
  std::vector<float> filterScratch;
  std::string impl;
};

using Key = std::tuple<std::vector<int32_t>, int32_t, bool, bool, int>;

std::unique_ptr<Cached> Build(const Geometry& g, InferenceActivation act, bool bias, bool residual) {
  memory::desc src = ActivationDesc(g.n, g.ci, g.h, g.w), dst = ActivationDesc(g.n, g.co, g.oh, g.ow);
  memory::dims strides{g.sh, g.sw}, dilates{g.dh - 1, g.dw - 1}, padL{g.pt, g.pl}, padR{g.pb, g.pr};
  dnnl::post_ops ops;
  if (residual) ops.append_sum(1.f);
  AppendActivation(ops, act);
  dnnl::primitive_attr attr;
  attr.set_post_ops(ops);
  const auto prop = dnnl::prop_kind::forward_inference;
  const auto direct = alg::convolution_direct;
  auto pd = bias ? dnnl::convolution_forward::primitive_desc(
                       dnnl::convolution_forward::desc(prop, direct, src, AnyFilterDesc(g), memory::desc({g.co}, dt::f32, tag::x), dst, strides, dilates, padL, padR), attr, Engine())
                 : dnnl::convolution_forward::primitive_desc(
                       dnnl::convolution_forward::desc(prop, direct, src, AnyFilterDesc(g), dst, strides, dilates, padL, padR), attr, Engine());
  auto c = std::make_unique<Cached>();
  c->conv = dnnl::convolution_forward(pd);
  c->impl = pd.impl_info_str();
  c->filterDesc = pd.weights_desc();
  c->userFilter = UserFilterDesc(g);
  c->reorderFilter = c->filterDesc != c->userFilter;
  if (c->reorderFilter) {
    c->filterScratch.resize(c->filterDesc.get_size() / sizeof(float) + 1);
    memory scratch(c->filterDesc, Engine(), c->filterScratch.data());
    memory user(c->userFilter, Engine(), DNNL_MEMORY_NONE);
    c->filterReorder = dnnl::reorder(user, scratch);
  }
  return c;
}

constexpr size_t kMaxCachedPrimitives = 4096;

std::mutex cacheLock;

Cached& Lookup(const Geometry& g, InferenceActivation act, bool bias, bool residual) {
  static std::map<Key, std::unique_ptr<Cached>> cache;
  const int32_t* f = reinterpret_cast<const int32_t*>(&g);
  Key key(std::vector<int32_t>(f, f + kGeometryFields), static_cast<int32_t>(act), bias, residual, omp_get_max_threads());
  auto it = cache.find(key);
  if (it != cache.end()) return *it->second;
  // A run sees a few dozen shapes; a bound keeps a process that sees endless new shapes from growing forever.
  if (cache.size() >= kMaxCachedPrimitives) cache.clear();
  return *(cache[key] = Build(g, act, bias, residual));
}

}  // namespace

void RunInferenceConvolution(const Geometry& g, InferenceActivation act, const float* x, const float* filter, const float* bias, const float* residual, float* y) {
  SignalsDeferred deferred;  // see signal-guard.h
  std::lock_guard<std::mutex> guard(cacheLock);
  Cached& c = Lookup(g, act, bias != nullptr, residual != nullptr);
  auto& engine = Engine();
  auto& stream = Stream();
  memory user(c.userFilter, engine, const_cast<float*>(filter));
  memory weights = user;
  if (c.reorderFilter) {
    weights = memory(c.filterDesc, engine, c.filterScratch.data());
    c.filterReorder.execute(stream, user, weights);
  }
  if (residual != nullptr) std::memcpy(y, residual, sizeof(float) * static_cast<size_t>(g.n) * g.oh * g.ow * g.co);
  std::unordered_map<int, memory> args{{DNNL_ARG_SRC, memory(ActivationDesc(g.n, g.ci, g.h, g.w), engine, const_cast<float*>(x))},
                                       {DNNL_ARG_WEIGHTS, weights},
                                       {DNNL_ARG_DST, memory(ActivationDesc(g.n, g.co, g.oh, g.ow), engine, y)}};
  if (bias != nullptr) args.emplace(DNNL_ARG_BIAS, memory(memory::desc({g.co}, dt::f32, tag::x), engine, const_cast<float*>(bias)));
  c.conv.execute(stream, args);
  stream.wait();
}

std::string InferenceConvolutionImplementation(const Geometry& g, InferenceActivation act, bool bias, bool residual) {
  std::lock_guard<std::mutex> guard(cacheLock);
  return Lookup(g, act, bias, residual).impl;
}

}  // namespace sln
