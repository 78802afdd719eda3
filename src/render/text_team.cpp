// The status text of several holders (render_status_text hands them here): one table with a
// HOLDER column rather than a table per holder, so that a team reads, filters and sorts as one.
#include "render/text_parts.hpp"

#include <array>
#include <string_view>
#include <unordered_set>

namespace recert {

using namespace text_parts;

namespace {

// "12 certifications: 7 active · 2 expiring · 1 pending · 2 expired".
std::string team_state_counts(const std::vector<const CertReport*>& rows, const TextStyle& style) {
    std::array<int, kStates.size()> counts{};
    for (const CertReport* r : rows) ++counts[static_cast<std::size_t>(r->state)];
    return std::to_string(rows.size()) +
           (rows.size() == 1 ? " certification: " : " certifications: ") +
           state_counts(style, counts);
}

} // namespace

std::string render_team_status_text(const Rules& rules, const Report& report,
                                    const TextStyle& style, bool grouped) {
    std::vector<const CertReport*> rows;
    rows.reserve(report.certifications.size());
    std::unordered_set<std::string_view> holders;
    for (const CertReport& r : report.certifications) {
        rows.push_back(&r);
        holders.insert(r.holder);
    }
    const std::string dot(glyph(style, Glyph::Dot));
    std::string out = paint(style, "\033[1m", std::to_string(holders.size()) + " holders") + ' ' +
                      dot + " as of " + format_date(report.as_of) + ' ' + dot + ' ' +
                      programs_heading(rules, rows) + "\n\n";
    append_status_table(out, rules, rows, style,
                        grouped ? HolderColumn::Grouped : HolderColumn::EveryRow);
    append_status_notices(out, rules, rows, style, true);
    out += '\n' + team_state_counts(rows, style) + '\n';
    return out;
}

} // namespace recert
