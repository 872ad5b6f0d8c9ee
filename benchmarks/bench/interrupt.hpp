#pragma once
// Ctrl-C: the first SIGINT (or SIGTERM, or SIGHUP when an SSH session drops) asks the run to stop
// and report what it measured; a second one ends the process at once. After the first, SIGPIPE is
// ignored, so a closed terminal or pipe cannot end the process before its files are written.

#include <atomic>

namespace shield::bench {

// Set once the first signal arrived.
const std::atomic<bool>& interrupt_flag();

// Installs the handlers (call once, early in main).
void install_interrupt_handlers();

}  // namespace shield::bench
