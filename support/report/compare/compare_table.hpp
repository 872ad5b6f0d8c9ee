#pragma once

#include <string>
#include <vector>

namespace shield::report {

// Horizontal alignment of a column.
enum class column_align { left, right };

// A plain table of text cells, rendered for a console or as Markdown.
struct text_table {
  std::vector<std::string> headers;            // one per column
  std::vector<column_align> aligns;            // one per column; missing ones are left
  std::vector<std::vector<std::string>> rows;  // cells; short rows are padded with ""
};

// Padded columns separated by two spaces, a dashed rule under the header, no trailing spaces.
std::string render_console_table(const text_table& table);

// A GitHub-flavoured Markdown table; '|' in cells is escaped.
std::string render_markdown_table(const text_table& table);

// Inline code span for Markdown, safe for backticks inside the text.
std::string markdown_code(const std::string& text);

}  // namespace shield::report
