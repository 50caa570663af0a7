// oneDNN 2.6's JIT kernels (its sgemm and the gemm-based convolutions at least) keep data below the stack
// pointer beyond the ABI's red zone, so a signal handler that runs on the thread's stack in the middle of a
// call overwrites it and corrupts the heap (seen with V8's profiler signals; any SIGCHLD, SIGWINCH or
// SIGINT could do it). The calling thread defers asynchronous signals for the length of a oneDNN call, and
// OpenMP's worker threads, which only ever run kernels, never take them.
#pragma once
#include <pthread.h>
#include <signal.h>

#include <initializer_list>

namespace sln {

// Every signal but the synchronous ones (faults must still reach their handlers, e.g. V8's wasm traps).
inline const sigset_t& AsyncSignals() {
  static const sigset_t set = [] {
    sigset_t s;
    sigfillset(&s);
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGSYS}) sigdelset(&s, sig);
    return s;
  }();
  return set;
}

// Defers asynchronous signals on the calling thread while it lives; they are delivered when it ends.
class SignalsDeferred {
 public:
  SignalsDeferred() { pthread_sigmask(SIG_BLOCK, &AsyncSignals(), &saved_); }
  ~SignalsDeferred() { pthread_sigmask(SIG_SETMASK, &saved_, nullptr); }
  SignalsDeferred(const SignalsDeferred&) = delete;
  SignalsDeferred& operator=(const SignalsDeferred&) = delete;

 private:
  sigset_t saved_;
};

// Blocks asynchronous signals for good in every OpenMP worker thread of the current team size (thread 0,
// the caller, is left alone). Call after each change of the thread count: new workers start unblocked.
void BlockSignalsInWorkers();

}  // namespace sln
