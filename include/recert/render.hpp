// Renderers: turn a report into text for people, JSON and CSV for programs. They never compute.
#pragma once

#include "recert/engine.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace recert {

struct TextStyle {
    bool color = false;
};

std::string render_status_text(const Rules& rules, const Report& report, const TextStyle& style);
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
