// Streaming: the SSE answer is well formed, ends with the profile's end marker, starts in time,
// and any PII in it belongs to the session that asked.
#include "checks/functional/check_test.hpp"
#include "checks/functional/pii_scope.hpp"
#include "support/payloads/chat_prompts.hpp"
#include "checks/functional/pii_search.hpp"

namespace shield::functional {
namespace {

class Streaming : public CheckTest {
 protected:
  // Streams a fresh chat prompt in its own session.
  exchange stream_once(std::string_view concern) {
    payloads::value_generator gen(concern_seed(concern));
    auto client = make_client();
    return call(client, *roles().stream, session_name(concern, 0),
                payloads::chat_prompt(gen, payloads::language::english).text);
  }
};

constexpr const char* stream_role = "sse (sse answer, {text} in its body)";

TEST_F(Streaming, EventsAreWellFormed) {
  SHIELD_REQUIRE_ROLE(roles().stream, stream_role);
  const auto& ep = *roles().stream;
  const auto ex = stream_once("stream/form");
  ASSERT_EQ(ex.response.status, ep.expect_status) << broke("the stream answers valid text with expect_status", ex);
  EXPECT_TRUE(ex.response.ok()) << broke("the stream ends cleanly (complete chunked body)", ex);
  EXPECT_EQ(media_type(ex.response), "text/event-stream") << broke("a stream is text/event-stream", ex);
  const auto stream = read_stream(ex, ep);
  EXPECT_TRUE(stream.problems.empty()) << broke(
      "every event is framed as the profile's sse spec says: " + join_some(stream.problems, 3), ex);
  EXPECT_FALSE(stream.tokens.empty()) << broke("a stream carries at least one token", ex);
}

TEST_F(Streaming, EndsWithTheEndMarker) {
  SHIELD_REQUIRE_ROLE(roles().stream, stream_role);
  const auto& ep = *roles().stream;
  const auto ex = stream_once("stream/end");
  ASSERT_EQ(ex.response.status, ep.expect_status) << broke("the stream answers valid text with expect_status", ex);
  ASSERT_TRUE(ex.response.ok()) << broke("the stream ends cleanly (complete chunked body)", ex);
  const auto stream = read_stream(ex, ep);
  if (!ep.sse || !ep.sse->end_marker) return;  // the profile says the stream ends with the body: it did
  EXPECT_EQ(stream.end_markers, 1u) << broke("the end marker '" + *ep.sse->end_marker + "' comes exactly once", ex);
  EXPECT_TRUE(stream.marker_last) << broke("the end marker '" + *ep.sse->end_marker + "' is the last event", ex);
}

TEST_F(Streaming, FirstTokenArrivesWithinTheLimit) {
  SHIELD_REQUIRE_ROLE(roles().stream, stream_role);
  const auto& ep = *roles().stream;
  const auto ex = stream_once("stream/ttft");
  ASSERT_EQ(ex.response.status, ep.expect_status) << broke("the stream answers valid text with expect_status", ex);
  const auto stream = read_stream(ex, ep);
  ASSERT_TRUE(stream.first_token_ms) << broke("a stream carries at least one token", ex);
  const double limit = ep.sse && ep.sse->first_token_ms > 0 ? ep.sse->first_token_ms
                                                            : static_cast<double>(profile().request_timeout_ms(ep));
  EXPECT_LE(*stream.first_token_ms, limit)
      << broke("the first token arrives within " + std::to_string(static_cast<long>(limit)) + " ms; it took " +
                   std::to_string(static_cast<long>(*stream.first_token_ms)) + " ms",
               ex);
}

TEST_F(Streaming, PiiInTheStreamBelongsToTheRequestingSession) {
  SHIELD_REQUIRE_ROLE(roles().stream, stream_role);
  const auto& ep = *roles().stream;
  payloads::session_batch_options opt;
  opt.base_seed = concern_seed("stream/pii");
  opt.sessions = 2;
  opt.texts_per_session = 2;
  opt.chat_prompts = true;
  opt.id_prefix = "chk-streampii";
  const auto batch = in_scope(payloads::generate_sessions(opt));
  ASSERT_EQ(batch.exhausted, 0u);
  auto client = make_client();
  std::vector<std::string> values[2] = {pattern_values(batch.sessions[0]), pattern_values(batch.sessions[1])};
  // Both sessions hold mappings (same kinds, so the same placeholder names) before either streams.
  if (const auto* anon = roles().anonymizer) {
    for (const auto& s : batch.sessions) {
      const auto ex = call(client, *anon, s.session_id, s.texts[1].text);
      EXPECT_EQ(ex.response.status, anon->expect_status) << broke("the anonymizer answers valid text", ex);
    }
  }
  for (int s = 0; s < 2; ++s) {
    const auto& session = batch.sessions[s];
    const auto ex = call(client, ep, session.session_id, session.texts[0].text);
    ASSERT_EQ(ex.response.status, ep.expect_status) << broke("the stream answers valid text with expect_status", ex);
    const auto stream = read_stream(ex, ep);
    const auto foreign = values_in(stream.text, values[1 - s]);
    EXPECT_TRUE(foreign.empty()) << broke(
        "PII in a stream belongs to the requesting session; found another "
        "session's: " +
            join_some(foreign),
        ex);
  }
}

}  // namespace
}  // namespace shield::functional
