#pragma once
// Ctrl-C: the first SIGINT (or SIGTERM) asks the run to stop and report what it measured; a
// second one ends the process at once.

#include <atomic>

namespace shield::bench {

// Set once the first signal arrived.
const std::atomic<bool>& interrupt_flag();

// Installs the handlers (call once, early in main).
void install_interrupt_handlers();

}  // namespace shield::bench
