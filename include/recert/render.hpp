// Renderers: turn a report into text for people, JSON and CSV for programs. They never compute.
#pragma once

#include "recert/engine.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace recert {

// How text for people is drawn; decided once by the command-line front end (text_style).
struct TextStyle {
    bool color = false;
    bool ascii = false;    // ASCII stand-ins for the symbols below (locale not UTF-8, TERM=dumb)
    std::size_t width = 0; // columns to fit the status table in; 0: no limit
};

// The symbols of text output beyond ASCII.
enum class Glyph { Dot, Dash, Ellipsis, Arrow, BarFull, BarEmpty };
// The symbol in the style's character set: "·" or "-", "—" or "-", "…" or "...", "→" or "->",
// "█" or "#", "░" or ".". The one place that maps them.
std::string_view glyph(const TextStyle& style, Glyph g);

// The reports as a table, then their notices. One holder's: a heading naming the holder, then the
// table. Several holders': one table with a HOLDER column, the notices after the holder's name,
// and a line counting the certifications in each state; `grouped` says the reports come in holder
// groups (the order of Report::certifications), the name then given on a group's first row only,
// else on every row. With a width, a table that would be wider puts each next step on indented
// lines under its row, wrapped at spaces, and shortens the certification names (then the holders')
// with an ellipsis as far as needed (never below the heading's width).
std::string render_status_text(const Rules& rules, const Report& report, const TextStyle& style,
                               bool grouped = true);
nlohmann::ordered_json status_json(const Rules& rules, const Report& report);
std::string render_status_csv(const Rules& rules, const Report& report);
// The same in pieces, for reports that arrive a block at a time.
std::string status_csv_header();
std::string status_csv_rows(const Rules& rules, const std::vector<CertReport>& reports);
void append_status_csv_rows(std::string& out, const Rules& rules,
                            const std::vector<CertReport>& reports);

std::string render_explain_text(const Rules& rules, const Ledger& ledger, const CertReport& cert,
                                Date as_of, const TextStyle& style);
// One certification's cycles and activity verdicts: {certification, cycles, outside}.
nlohmann::ordered_json explain_json(const Rules& rules, const Ledger& ledger,
                                    const CertReport& cert);

// One CSV cell: quoted when needed; text that a spreadsheet would run as a formula (leading =, +,
// -, @, tab or CR) is prefixed with an apostrophe unless the field is numeric.
std::string csv_cell(std::string_view value, bool numeric = false);
void append_csv_cell(std::string& out, std::string_view value, bool numeric = false);

// Credits as a JSON number: an integer when whole.
nlohmann::ordered_json credits_json(Centi c);

} // namespace recert
