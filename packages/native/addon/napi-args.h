// Argument readers shared by the N-API entry points: every typed array is checked for its type and length
// before a kernel touches it, because a wrong length would be a silent out-of-bounds write.
#pragma once
#include <napi.h>

#include <cstring>
#include <string>

#include "geometry.h"

namespace sln {

static_assert(sizeof(Geometry) == kGeometryFields * sizeof(int32_t), "Geometry must be packed int32 fields");

inline Geometry ReadGeometry(const Napi::Env& env, const Napi::Value& value) {
  if (!value.IsTypedArray() || value.As<Napi::TypedArray>().TypedArrayType() != napi_int32_array) {
    throw Napi::TypeError::New(env, "geometry must be an Int32Array");
  }
  auto arr = value.As<Napi::Int32Array>();
  if (arr.ElementLength() != kGeometryFields) throw Napi::TypeError::New(env, "geometry must have " + std::to_string(kGeometryFields) + " fields");
  Geometry g;
  std::memcpy(&g, arr.Data(), sizeof(Geometry));
  const int32_t* f = arr.Data();
  for (int i = 0; i < kGeometryFields; i++) {
    if (f[i] < 0 || (i < 13 && f[i] == 0)) throw Napi::RangeError::New(env, "geometry field " + std::to_string(i) + " is out of range: " + std::to_string(f[i]));
  }
  if (g.dh < 1 || g.dw < 1 || g.groups < 1 || g.ci % g.groups != 0 || g.co % g.groups != 0) throw Napi::RangeError::New(env, "geometry has bad dilations or groups");
  return g;
}

inline float* Floats(const Napi::Env& env, const Napi::Value& value, size_t expected, const char* name) {
  if (!value.IsTypedArray() || value.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
    throw Napi::TypeError::New(env, std::string(name) + " must be a Float32Array");
  }
  auto arr = value.As<Napi::Float32Array>();
  if (arr.ElementLength() != expected) {
    throw Napi::RangeError::New(env, std::string(name) + " has " + std::to_string(arr.ElementLength()) + " elements, the geometry needs " + std::to_string(expected));
  }
  return arr.Data();
}

}  // namespace sln
