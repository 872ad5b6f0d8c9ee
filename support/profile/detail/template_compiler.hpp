#pragma once

// Internal to shield_profile: turns path and body templates into compiled_template.

#include "support/profile/detail/object_reader.hpp"
#include "support/profile/template_text.hpp"

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace shield::profile::detail {

// Checks a path template ('/' first, URI characters only, only {session_id}) and compiles it.
bool compile_path(std::string_view path_text, const std::string& key, error_sink& sink, compiled_template& out);

// Compiles a JSON body template: placeholders in string values become slots filled with
// JSON-escaped text; everything else becomes compact JSON text. Object keys stay literal.
bool compile_body(const boost::json::value& body, const std::string& key, error_sink& sink, compiled_template& out);

}  // namespace shield::profile::detail
