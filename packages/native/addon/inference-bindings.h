// N-API entry points of the inference kernels (inference-conv.h), added to the addon's exports.
#pragma once
#include <napi.h>

namespace sln {

void RegisterInferenceKernels(Napi::Env env, Napi::Object exports);

}  // namespace sln
