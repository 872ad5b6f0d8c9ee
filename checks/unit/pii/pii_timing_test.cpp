// Concurrent use of one detector, and the per-request cost (printed, never asserted).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "fixtures/reference_backend/pii/pii_anonymizer.hpp"

namespace shield::backend {
namespace {

// ~200 bytes with three entities, the size of a typical chat message.
const std::string typical_message =
    "Hola, me llamo Ana y quiero cambiar mis datos: escribidme a ana.garcia@example.com o llamad al "
    "+34 612 345 678; mi tarjeta es 4111 1111 1111 1111. Gracias por la ayuda, un saludo cordial!!";

TEST(PiiConcurrency, OneDetectorSharedByThreadsGivesTheSameResults) {
  const pii_detector detector;
  const std::vector<std::string> texts = {typical_message, "IP 10.0.0.1 y DNI 12345678Z", "nada que ver aquí",
                                          "X1234567L, ES9121000418450200051332"};
  std::vector<std::vector<pii_match>> expected;
  for (const std::string& t : texts) expected.push_back(detector.find(t));
  ASSERT_EQ(expected[0].size(), 3u);
  constexpr int rounds = 2000;
  std::vector<int> mismatches(2, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < mismatches.size(); ++t) {
    threads.emplace_back([&, t] {
      std::vector<pii_match> out;
      for (int i = 0; i < rounds; ++i) {
        const std::size_t k = (static_cast<std::size_t>(i) + t) % texts.size();
        detector.find(texts[k], out);
        mismatches[t] += out != expected[k];
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(mismatches, std::vector<int>(2, 0));
}

TEST(PiiTiming, PrintsFindPlusAnonymizeCostOfATypicalMessage) {
  const pii_detector detector;
  session_mapping mapping;
  std::vector<pii_match> matches;
  detector.find(typical_message, matches);
  ASSERT_EQ(matches.size(), 3u);
  // Bounded both ways: at most this many rounds and about one second.
  constexpr int max_rounds = 200'000;
  const auto budget = std::chrono::seconds(1);
  const auto start = std::chrono::steady_clock::now();
  int rounds = 0;
  std::size_t total_entities = 0;
  while (rounds < max_rounds && std::chrono::steady_clock::now() - start < budget) {
    detector.find(typical_message, matches);
    total_entities += anonymize(typical_message, matches, mapping).entities.size();
    ++rounds;
  }
  const double ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(total_entities, static_cast<std::size_t>(rounds) * 3);
  std::printf("[ timing   ] find()+anonymize() on %zu bytes, 3 entities: %.2f us per call (%d rounds)\n",
              typical_message.size(), ns / rounds / 1000.0, rounds);
  RecordProperty("find_anonymize_ns", std::to_string(static_cast<long long>(ns / rounds)));
}

}  // namespace
}  // namespace shield::backend
