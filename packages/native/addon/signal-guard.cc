// See signal-guard.h.
#include "signal-guard.h"

#include <omp.h>

namespace sln {

void BlockSignalsInWorkers() {
#pragma omp parallel
  {
    if (omp_get_thread_num() != 0) pthread_sigmask(SIG_BLOCK, &AsyncSignals(), nullptr);
  }
}

}  // namespace sln
