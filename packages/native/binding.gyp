# The oneDNN convolution addon. Built by scripts/build.js (never by npm's install phase: package.json sets
# "gypfile": false). oneDNN reports errors as C++ exceptions, so exceptions and RTTI are on; its OpenMP
# runtime needs -fopenmp at link time for omp_set_num_threads. The addon is built where it runs, so
# -march=native lets the compiler vectorise the training kernels for this CPU; -fno-math-errno and
# -fno-trapping-math let it vectorise sqrt and compare-and-select loops (nothing reads errno or FP flags).
{
  "targets": [
    {
      "target_name": "scaling_lab_native",
      "sources": ["addon/addon.cc", "addon/conv.cc", "addon/small-kernels.cc", "addon/gemm-conv.cc", "addon/signal-guard.cc", "addon/inference-conv.cc", "addon/inference-bindings.cc", "addon/squeeze-excite.cc", "addon/train-kernels.cc", "addon/train-bindings.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "cflags!": ["-fno-exceptions", "-fno-rtti"],
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti"],
      "cflags_cc": ["-std=c++17", "-O3", "-march=native", "-fno-math-errno", "-fno-trapping-math", "-fexceptions", "-frtti", "-fopenmp"],
      "libraries": ["-ldnnl", "-fopenmp"]
    }
  ]
}
