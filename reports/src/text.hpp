// Text helpers shared by the renderers (private to reports/).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace acsconf::reports::text {

// Valid UTF-8 passes through; each byte of an invalid sequence and each control character other than
// tab/LF/CR becomes the visible text "\xNN". Vector data carries raw bytes on purpose (invalid UTF-8,
// NULs), and neither JSON writers, XML 1.0 nor browsers accept them as is.
std::string printable(std::string_view in);

// printable(), then &, <, >, " and ' as entities: safe in HTML text and in quoted attributes.
std::string html_escape(std::string_view in);

// At most max_bytes of printable(in), cut on a code point boundary, with "…" appended when cut.
std::string truncate(std::string_view in, std::size_t max_bytes);

// printable(), one line (newlines become spaces), Markdown table/inline safe (| ` < > * _ [ ] escaped).
std::string markdown_inline(std::string_view in);

// printable(), one line, for inside a Markdown `code span` (where backslash escapes do not apply):
// backticks become ', and | becomes \| (GitHub tables split on | even inside code spans).
std::string markdown_code(std::string_view in);

// The items separated by `sep`.
std::string join(const std::vector<std::string>& items, const char* sep);

}  // namespace acsconf::reports::text
