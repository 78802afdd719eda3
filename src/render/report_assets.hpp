// The report page's style sheet and script, compiled in from src/render/report_page.css and
// report_page.js (cmake/ReportAssets.cmake), and the script's SHA-256 for the page's
// Content-Security-Policy.
#pragma once

#include <string>
#include <string_view>

namespace recert {

extern const std::string_view kReportStyle;
extern const std::string_view kReportScript;
extern const std::string_view kReportScriptSha256; // lower-case hex, 64 digits

// "sha256-<base64>": a CSP source that allows exactly kReportScript.
std::string report_script_csp_source();

} // namespace recert
