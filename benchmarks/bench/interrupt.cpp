#include "benchmarks/bench/interrupt.hpp"

#include <csignal>
#include <cstring>

#include <unistd.h>

namespace shield::bench {

namespace {

std::atomic<bool> interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the flag is set from a signal handler");

extern "C" void on_signal(int signo) {
  if (interrupted.exchange(true)) {
    // Second signal: the user insists.
    std::signal(signo, SIG_DFL);
    std::raise(signo);
    return;
  }
  // A dropped SSH session or a closed `| tee` must not kill the process before the files are written.
  std::signal(SIGPIPE, SIG_IGN);
  const char note[] = "\nshield_bench: stopping, reporting what was measured (again to quit at once)\n";
  [[maybe_unused]] auto n = ::write(STDERR_FILENO, note, sizeof note - 1);
}

}  // namespace

const std::atomic<bool>& interrupt_flag() { return interrupted; }

void install_interrupt_handlers() {
  struct sigaction sa;
  std::memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGHUP, &sa, nullptr);  // an SSH drop: the same orderly stop as Ctrl-C
}

}  // namespace shield::bench
