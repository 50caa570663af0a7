// What every oneDNN kernel of the addon shares: one CPU engine and stream for the process, and the memory
// descriptors of tfjs's layouts (NHWC activations, [kh, kw, in, out] or depthwise [kh, kw, C, m] filters).
#pragma once

#include "geometry.h"

#include <oneapi/dnnl/dnnl.hpp>

namespace sln {

inline dnnl::engine& Engine() {
  static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  return engine;
}

inline dnnl::stream& Stream() {
  static dnnl::stream stream(Engine());
  return stream;
}

inline dnnl::memory::desc ActivationDesc(int n, int c, int h, int w) {
  return dnnl::memory::desc({n, c, h, w}, dnnl::memory::data_type::f32, dnnl::memory::format_tag::nhwc);
}

// tfjs filters are [kh, kw, in, out] (plain) or [kh, kw, C, m] (depthwise: groups = C, m outputs each).
inline dnnl::memory::desc UserFilterDesc(const Geometry& g) {
  using dnnl::memory;
  if (g.groups == 1) return memory::desc({g.co, g.ci, g.kh, g.kw}, memory::data_type::f32, memory::format_tag::hwio);
  const memory::dim m = g.co / g.groups, c = g.groups;
  // dims {G, O/G, I/G = 1, kh, kw}; strides read the [kh, kw, C, m] buffer in place.
  return memory::desc({c, m, 1, g.kh, g.kw}, memory::data_type::f32, memory::dims{m, 1, 1, g.kw * c * m, c * m});
}

// The filter layout left to the primitive (tag any), for it to pick its preferred blocked format.
inline dnnl::memory::desc AnyFilterDesc(const Geometry& g) {
  using dnnl::memory;
  if (g.groups == 1) return memory::desc({g.co, g.ci, g.kh, g.kw}, memory::data_type::f32, memory::format_tag::any);
  return memory::desc({g.groups, g.co / g.groups, g.ci / g.groups, g.kh, g.kw}, memory::data_type::f32,
                      memory::format_tag::any);
}

}  // namespace sln
