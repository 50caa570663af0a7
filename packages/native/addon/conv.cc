// oneDNN convolutions. Activations stay in the caller's NHWC buffers (tfjs's layout, zero copies); the
// filter is reordered to the layout oneDNN's primitive prefers (filters are small next to activations),
// and the filter gradient is reordered back to tfjs's [kh, kw, in, out] layout.
#include "conv.h"
#include "gemm-conv.h"
#include "dnnl-common.h"
#include "signal-guard.h"

#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <tuple>
#include <unordered_map>
#include <vector>

#include <omp.h>

#include <oneapi/dnnl/dnnl.hpp>

namespace sln {
namespace {

using dnnl::memory;
using tag = memory::format_tag;
using dt = memory::data_type;

dnnl::convolution_forward::primitive_desc ForwardDesc(const Geometry& g, Activation act, bool bias) {
  memory::desc src = ActivationDesc(g.n, g.ci, g.h, g.w), dst = ActivationDesc(g.n, g.co, g.oh, g.ow);
  memory::dims strides{g.sh, g.sw}, dilates{g.dh - 1, g.dw - 1}, padL{g.pt, g.pl}, padR{g.pb, g.pr};
  auto prop = dnnl::prop_kind::forward_training;
  auto alg = dnnl::algorithm::convolution_direct;
  dnnl::primitive_attr attr;
  if (act != Activation::kLinear) {
    dnnl::post_ops ops;
    if (act == Activation::kRelu) ops.append_eltwise(1.f, dnnl::algorithm::eltwise_relu, 0.f, 0.f);
    else ops.append_eltwise(1.f, dnnl::algorithm::eltwise_clip, 0.f, 6.f);
    attr.set_post_ops(ops);
  }
  if (bias) {
    dnnl::convolution_forward::desc d(prop, alg, src, AnyFilterDesc(g), memory::desc({g.co}, dt::f32, tag::x), dst, strides, dilates, padL, padR);
    return dnnl::convolution_forward::primitive_desc(d, attr, Engine());
  }
  dnnl::convolution_forward::desc d(prop, alg, src, AnyFilterDesc(g), dst, strides, dilates, padL, padR);
  return dnnl::convolution_forward::primitive_desc(d, attr, Engine());
}

struct Cached {
  dnnl::primitive conv;
  memory::desc filterDesc;    // the primitive's filter (or filter-gradient) layout
  memory::desc userFilter;    // tfjs's layout
  bool reorderFilter = false;
  dnnl::reorder filterReorder;  // user -> primitive (forward, backward data) or primitive -> user (weights)
  std::vector<float> filterScratch;
  std::string impl;
};

using Key = std::tuple<int32_t, int32_t, bool, std::vector<int32_t>>;

std::map<Key, std::unique_ptr<Cached>>& Cache() {
  static std::map<Key, std::unique_ptr<Cached>> cache;
  return cache;
}

Key MakeKey(Pass pass, const Geometry& g, Activation act, bool bias) {
  const int32_t* f = reinterpret_cast<const int32_t*>(&g);
  return Key(static_cast<int32_t>(pass), static_cast<int32_t>(act), bias, std::vector<int32_t>(f, f + kGeometryFields));
}

void PrepareFilter(Cached& c, const memory::desc& primitiveFilter, const Geometry& g, bool toUser) {
  c.filterDesc = primitiveFilter;
  c.userFilter = UserFilterDesc(g);
  c.reorderFilter = primitiveFilter != c.userFilter;
  if (!c.reorderFilter) return;
  c.filterScratch.resize(primitiveFilter.get_size() / sizeof(float) + 1);
  memory scratch(primitiveFilter, Engine(), c.filterScratch.data());
  memory user(c.userFilter, Engine(), DNNL_MEMORY_NONE);
  c.filterReorder = toUser ? dnnl::reorder(scratch, user) : dnnl::reorder(user, scratch);
}

std::unique_ptr<Cached> Build(Pass pass, const Geometry& g, Activation act, bool bias) {
  auto c = std::make_unique<Cached>();
  auto fwd = ForwardDesc(g, pass == Pass::kForward ? act : Activation::kLinear, pass == Pass::kForward && bias);
  memory::desc src = ActivationDesc(g.n, g.ci, g.h, g.w), dst = ActivationDesc(g.n, g.co, g.oh, g.ow);
  memory::dims strides{g.sh, g.sw}, dilates{g.dh - 1, g.dw - 1}, padL{g.pt, g.pl}, padR{g.pb, g.pr};
  auto alg = dnnl::algorithm::convolution_direct;
  if (pass == Pass::kForward) {
    c->conv = dnnl::convolution_forward(fwd);
    c->impl = fwd.impl_info_str();
    PrepareFilter(*c, fwd.weights_desc(), g, false);
  } else if (pass == Pass::kBackwardData) {
    dnnl::convolution_backward_data::desc d(alg, src, AnyFilterDesc(g), dst, strides, dilates, padL, padR);
    dnnl::convolution_backward_data::primitive_desc pd(d, Engine(), fwd);
    c->conv = dnnl::convolution_backward_data(pd);
    c->impl = pd.impl_info_str();
    PrepareFilter(*c, pd.weights_desc(), g, false);
  } else {
    dnnl::convolution_backward_weights::desc d(alg, src, AnyFilterDesc(g), dst, strides, dilates, padL, padR);
    dnnl::convolution_backward_weights::primitive_desc pd(d, Engine(), fwd);
    c->conv = dnnl::convolution_backward_weights(pd);
    c->impl = pd.impl_info_str();
    PrepareFilter(*c, pd.diff_weights_desc(), g, true);
  }
  return c;
}

constexpr size_t kMaxCachedPrimitives = 4096;

// Filter gradients run on one thread: oneDNN splits their sum over the batch by thread count, so with
// several threads the result would depend (in the last bits, then through training in the accuracy) on
// how many threads a run happened to get. The forward and input-gradient passes give the same bits for
// any thread count and keep them all.
class ThreadsFor {
 public:
  explicit ThreadsFor(Pass pass) : saved_(omp_get_max_threads()), changed_(pass == Pass::kBackwardWeights && saved_ != 1) {
    if (changed_) omp_set_num_threads(1);
  }
  ~ThreadsFor() {
    if (changed_) omp_set_num_threads(saved_);
  }

 private:
  int saved_;
  bool changed_;
};

// The node main thread is the only caller; the lock only guards against misuse from worker threads.
std::mutex cacheLock;

Cached& Lookup(Pass pass, const Geometry& g, Activation act, bool bias) {
  auto key = MakeKey(pass, g, act, bias);
  auto& cache = Cache();
  auto it = cache.find(key);
  if (it != cache.end()) return *it->second;
  // A run sees a few dozen shapes; a bound keeps a process that sees endless new shapes from growing forever.
  if (cache.size() >= kMaxCachedPrimitives) cache.clear();
  return *(cache[key] = Build(pass, g, act, bias));
}

}  // namespace

void RunConvolution(Pass pass, const Geometry& g, Activation act, const float* a, const float* b, const float* bias, float* out) {
  SignalsDeferred deferred;
  if (UseGemmConvolution(g)) return GemmConvolution(pass, g, act, a, b, bias, out);
  std::lock_guard<std::mutex> guard(cacheLock);
  ThreadsFor threads(pass);
  Cached& c = Lookup(pass, g, act, bias != nullptr);
  auto& engine = Engine();
  auto& stream = Stream();
  auto in = ActivationDesc(g.n, g.ci, g.h, g.w), outDesc = ActivationDesc(g.n, g.co, g.oh, g.ow);
  auto* mutA = const_cast<float*>(a);
  auto* mutB = const_cast<float*>(b);
  if (pass == Pass::kForward || pass == Pass::kBackwardData) {
    memory filter(c.userFilter, engine, mutB);
    memory filterForConv = filter;
    if (c.reorderFilter) {
      filterForConv = memory(c.filterDesc, engine, c.filterScratch.data());
      c.filterReorder.execute(stream, filter, filterForConv);
    }
    if (pass == Pass::kForward) {
      std::unordered_map<int, memory> args{{DNNL_ARG_SRC, memory(in, engine, mutA)}, {DNNL_ARG_WEIGHTS, filterForConv}, {DNNL_ARG_DST, memory(outDesc, engine, out)}};
      if (bias != nullptr) args.emplace(DNNL_ARG_BIAS, memory(memory::desc({g.co}, dt::f32, tag::x), engine, const_cast<float*>(bias)));
      c.conv.execute(stream, args);
    } else {
      c.conv.execute(stream, {{DNNL_ARG_DIFF_DST, memory(outDesc, engine, mutA)}, {DNNL_ARG_WEIGHTS, filterForConv}, {DNNL_ARG_DIFF_SRC, memory(in, engine, out)}});
    }
  } else {
    memory user(c.userFilter, engine, out);
    memory grad = c.reorderFilter ? memory(c.filterDesc, engine, c.filterScratch.data()) : user;
    c.conv.execute(stream, {{DNNL_ARG_SRC, memory(in, engine, mutA)}, {DNNL_ARG_DIFF_DST, memory(outDesc, engine, mutB)}, {DNNL_ARG_DIFF_WEIGHTS, grad}});
    if (c.reorderFilter) c.filterReorder.execute(stream, grad, user);
  }
  stream.wait();
}

std::string ConvolutionImplementation(Pass pass, const Geometry& g, Activation act, bool bias) {
  if (UseGemmConvolution(g)) return "gemm:1x1";
  std::lock_guard<std::mutex> guard(cacheLock);
  ThreadsFor threads(pass);
  return Lookup(pass, g, act, bias).impl;
}

void ClearPrimitiveCache() {
  std::lock_guard<std::mutex> guard(cacheLock);
  Cache().clear();
}

size_t CachedPrimitiveCount() {
  std::lock_guard<std::mutex> guard(cacheLock);
  return Cache().size();
}

}  // namespace sln
