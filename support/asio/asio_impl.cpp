// The one translation unit that compiles Asio, Asio SSL and Beast (separate compilation).
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>

// Beast 1.81's HTTP parser compiled without its BOOST_ASSERTs: parse_chunk_header asserts 5 bytes
// where 3 or 4 are valid (a final chunk split across reads; boostorg/beast#2861, fixed in Boost 1.86),
// which aborted Debug/ASan clients (found by fuzzing); the code after the assert handles them.
#define BOOST_BEAST_SOURCE
#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/rfc7230.hpp>
#define BOOST_DISABLE_ASSERTS
#include <boost/assert.hpp>
#include <boost/beast/http/impl/basic_parser.ipp>
#undef BOOST_DISABLE_ASSERTS
#include <boost/assert.hpp>

#include <boost/beast/src.hpp>
