// N-API entry points of the training kernels (train-kernels.h), added to the addon's exports.
#pragma once
#include <napi.h>

namespace sln {

void RegisterTrainKernels(Napi::Env env, Napi::Object exports);

}  // namespace sln
