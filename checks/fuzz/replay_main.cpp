// Corpus replay for builds without libFuzzer: feeds every file of the given directories (or the
// given files) to the harness's LLVMFuzzerTestOneInput once, in name order. An input that throws
// or crashes fails the run and is named; an empty corpus is an error too.

#include <algorithm>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <unistd.h>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

// The input being replayed, for the crash handler (a fixed buffer: the handler may not allocate).
char current_input[4096] = "";
std::size_t clean_inputs = 0;  // inputs that ran through before the current one

void write_text(const char* text) {
  const ssize_t ignored = ::write(STDERR_FILENO, text, std::strlen(text));
  (void)ignored;
}

// A fatal signal (abort, segfault, stack overflow) names the input, then dies by the same signal.
extern "C" void on_fatal_signal(int signal) {
  char count[32];
  std::snprintf(count, sizeof count, "%zu", clean_inputs);
  write_text("\nfuzz replay: ");
  write_text(current_input);
  write_text(": crashed with signal ");
  write_text(strsignal(signal));
  write_text(" (after ");
  write_text(count);
  write_text(clean_inputs == 1 ? " clean input)\n" : " clean inputs)\n");
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

void install_crash_handlers() {
  // An alternate stack, so a stack overflow can still be reported.
  static std::vector<char> alt_stack(1 << 16);
  stack_t ss{};
  ss.ss_sp = alt_stack.data();
  ss.ss_size = alt_stack.size();
  sigaltstack(&ss, nullptr);
  struct sigaction sa {};
  sa.sa_handler = on_fatal_signal;
  sa.sa_flags = SA_ONSTACK;
  for (int s : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL}) sigaction(s, &sa, nullptr);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::filesystem::path> inputs;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path arg(argv[i]);
    std::error_code ec;
    if (std::filesystem::is_directory(arg, ec)) {
      for (const auto& entry : std::filesystem::directory_iterator(arg, ec)) {
        if (entry.is_regular_file()) inputs.push_back(entry.path());
      }
    } else if (std::filesystem::is_regular_file(arg, ec)) {
      inputs.push_back(arg);
    } else {
      std::fprintf(stderr, "fuzz replay: %s: no such file or directory\n", argv[i]);
      return 2;
    }
  }
  if (inputs.empty()) {
    std::fprintf(stderr, "fuzz replay: no corpus inputs given (usage: %s DIR_OR_FILE...)\n", argv[0]);
    return 2;
  }
  std::sort(inputs.begin(), inputs.end());
  install_crash_handlers();
  for (const auto& path : inputs) {
    std::snprintf(current_input, sizeof current_input, "%s", path.c_str());
    std::ifstream in(path, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (!in.good() && !in.eof()) {
      std::fprintf(stderr, "fuzz replay: %s: cannot read\n", path.c_str());
      return 2;
    }
    try {
      LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "fuzz replay: %s: uncaught exception: %s (after %zu clean input%s)\n", path.c_str(),
                   e.what(), clean_inputs, clean_inputs == 1 ? "" : "s");
      return 1;
    }
    ++clean_inputs;
  }
  std::printf("fuzz replay: replayed %zu inputs cleanly\n", clean_inputs);
  return 0;
}
