#include "recert/render.hpp"
#include "render/text_parts.hpp"

#include <algorithm>
#include <array>
#include <map>

namespace recert {

std::string_view glyph(const TextStyle& style, Glyph g) {
    switch (g) {
    case Glyph::Dot:
        return style.ascii ? "-" : "·";
    case Glyph::Dash:
        return style.ascii ? "-" : "—";
    case Glyph::Ellipsis:
        return style.ascii ? "..." : "…";
    case Glyph::Arrow:
        return style.ascii ? "->" : "→";
    case Glyph::BarFull:
        return style.ascii ? "#" : "█";
    case Glyph::BarEmpty:
        return style.ascii ? "." : "░";
    }
    return "";
}

namespace text_parts {

const char* state_color(State s) {
    switch (s) {
    case State::Active:
        return "\033[32m";
    case State::Expiring:
        return "\033[33m";
    case State::Grace:
        return "\033[91m";
    case State::Pending:
        return "\033[35m";
    case State::Expired:
        return "\033[31m";
    case State::Lifetime:
        return "\033[36m";
    }
    return "";
}

std::string state_counts(const TextStyle& st, const std::array<int, kStates.size()>& counts) {
    std::string out;
    for (const State s : kStates) {
        const int n = counts[static_cast<std::size_t>(s)];
        if (n == 0) continue;
        if (!out.empty()) out += ' ' + std::string(glyph(st, Glyph::Dot)) + ' ';
        out += paint(st, state_color(s), std::to_string(n) + ' ' + std::string(to_string(s)));
    }
    return out;
}

std::size_t width(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string pad(std::string_view s, std::size_t w) {
    std::string out(s);
    for (std::size_t n = width(s); n < w; ++n) out += ' ';
    return out;
}

std::string pad_left(std::string_view s, std::size_t w) {
    std::string out;
    for (std::size_t n = width(s); n < w; ++n) out += ' ';
    return out + std::string(s);
}

std::string paint(const TextStyle& st, const char* color, std::string_view s) {
    if (!st.color) return std::string(s);
    return color + std::string(s) + "\033[0m";
}

void append_wrapped(std::string& out, std::string_view lead, std::size_t lead_cells,
                    std::string_view text, std::size_t indent, std::size_t limit) {
    out += lead;
    if (limit == 0) {
        out += text;
        out += '\n';
        return;
    }
    std::size_t col = lead_cells;
    bool line_start = true;
    for (std::size_t at = 0; at <= text.size();) {
        std::size_t end = text.find(' ', at);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view word = text.substr(at, end - at);
        at = end + 1;
        if (word.empty()) continue;
        const std::size_t w = width(word);
        if (!line_start && col + 1 + w > limit) {
            out += '\n';
            out.append(indent, ' ');
            col = indent;
            line_start = true;
        }
        if (!line_start) {
            out += ' ';
            ++col;
        }
        out += word;
        col += w;
        line_start = false;
    }
    out += '\n';
}

} // namespace text_parts

using namespace text_parts;

namespace {

constexpr std::size_t kBarCells = 10;
// Holder names are shortened to no fewer columns than this: enough to tell people apart.
constexpr std::size_t kHolderLeast = 12;
// Where the text after the date and verdict starts in an explain row.
constexpr std::size_t kExplainText = 4 + 10 + 2 + 11 + 2;

// `s` when it fits in `w` columns, else its start (cut between code points, spaces before the
// cut dropped) and an ellipsis, `w` columns at most.
std::string shorten(std::string_view s, std::size_t w, std::string_view ellipsis) {
    if (width(s) <= w) return std::string(s);
    const std::size_t keep = w > width(ellipsis) ? w - width(ellipsis) : 0;
    std::size_t at = 0;
    for (std::size_t points = 0; at < s.size(); ++at)
        if ((static_cast<unsigned char>(s[at]) & 0xC0) != 0x80 && points++ == keep) break;
    while (at > 0 && s[at - 1] == ' ') --at;
    return std::string(s.substr(0, at)) + std::string(ellipsis);
}

std::string bar(const TextStyle& st, Centi have, Centi need) {
    const std::size_t filled =
        need <= 0
            ? kBarCells
            : static_cast<std::size_t>(std::min<Centi>(
                  static_cast<Centi>(kBarCells), have * static_cast<Centi>(kBarCells) / need));
    std::string s;
    for (std::size_t i = 0; i < kBarCells; ++i)
        s += glyph(st, i < filled ? Glyph::BarFull : Glyph::BarEmpty);
    return s;
}

// The figures of the credits column: approved/required, approved alone, or a dash for a
// lifetime certification.
std::string credits_figures(const TextStyle& st, const CertReport& r) {
    if (r.state == State::Lifetime) return std::string(glyph(st, Glyph::Dash));
    if (!r.required) return format_credits(r.approved);
    return format_credits(r.approved) + "/" + format_credits(*r.required);
}

// What the bar shows: what the credit-only path has of its total, its minimums included
// (docs/semantics.md §8), so that the bar is full only when that path is met.
Centi toward_required(const CertReport& r) {
    return r.remaining ? *r.required - *r.remaining : r.approved;
}

bool has_bar(const CertReport& r) {
    return r.state != State::Lifetime && r.required;
}

// An exam's kind by its name in the rules, for people.
std::string exam_kind_name(const Rules& rules, const Activity& a) {
    const std::size_t program = a.program.empty() ? Rules::kAny : rules.program_index(a.program);
    const std::size_t k = rules.exam_kind_index(a.exam_kind, program);
    return k == Rules::kAny ? a.exam_kind : rules.exam_kinds[k].name;
}

// A certification by its name, for people (reports keep ids for programs).
std::string cert_name(const Rules& rules, const std::string& id) {
    const Certification* c = rules.certification_by_id(id);
    return c ? c->name : id;
}

// A table column whose cells may be shortened: cut it by up to `over` columns, never below
// `least` (nor widen it); returns what is left of `over`.
std::size_t narrow_column(std::size_t& column, std::size_t least, std::size_t over) {
    const std::size_t cut = column > least ? std::min(over, column - least) : 0;
    column -= cut;
    return over - cut;
}

} // namespace

namespace text_parts {

std::string programs_heading(const Rules& rules, const std::vector<const CertReport*>& rows) {
    std::vector<std::size_t> programs;
    for (const CertReport* r : rows) {
        const std::size_t p = rules.program_of(rules.certifications[r->cert]);
        if (std::find(programs.begin(), programs.end(), p) == programs.end()) programs.push_back(p);
    }
    std::sort(programs.begin(), programs.end());
    if (programs.size() == 1) return rules.programs[programs.front()].program.name;
    std::string names;
    for (std::size_t p : programs)
        names += (names.empty() ? "" : ", ") + rules.programs[p].program.id;
    return "programs " + names;
}

void append_status_table(std::string& out, const Rules& rules,
                         const std::vector<const CertReport*>& rows, const TextStyle& style,
                         HolderColumn holders) {
    const std::string_view dash = glyph(style, Glyph::Dash);
    // the columns: HOLDER when there is one, then these six
    const std::size_t h = holders == HolderColumn::None ? 0 : 1;
    const std::size_t cert = h, state = h + 1, expires = h + 2, days = h + 3, credits = h + 4,
                      step = h + 5, count = h + 6;
    auto new_holder = [&](std::size_t k) { // whether rows[k] starts a holder's group
        return k == 0 || rows[k - 1]->holder != rows[k]->holder;
    };
    std::vector<std::vector<std::string>> cells;
    cells.reserve(rows.size() + 1);
    cells.push_back({"CERTIFICATION", "STATE", "EXPIRES", "DAYS", "CREDITS", "NEXT STEP"});
    if (h) cells.back().insert(cells.back().begin(), "HOLDER");
    bool bars = false;
    for (std::size_t k = 0; k < rows.size(); ++k) {
        const CertReport& r = *rows[k];
        const Certification& c = rules.certifications[r.cert];
        cells.push_back({c.name + (r.retired ? " (retired)" : ""), std::string(to_string(r.state)),
                         r.expires ? format_date(*r.expires) : "never",
                         r.days_left ? std::to_string(*r.days_left) : std::string(dash),
                         credits_figures(style, r), r.next_step});
        if (h)
            cells.back().insert(cells.back().begin(),
                                holders == HolderColumn::EveryRow || new_holder(k) ? r.holder : "");
        bars |= has_bar(r);
    }
    std::vector<std::size_t> w(count, 0);
    for (const auto& row : cells)
        for (std::size_t i = 0; i < count; ++i) w[i] = std::max(w[i], width(row[i]));
    // credits: a bar of fixed width, then the figures right-aligned in a field of their own,
    // so that every row's bar and figures line up
    std::size_t figures = 0;
    for (std::size_t k = 1; k < cells.size(); ++k)
        figures = std::max(figures, width(cells[k][credits]));
    const std::size_t bar_field = bars ? kBarCells + 1 : 0;
    w[credits] = std::max(w[credits], bar_field + figures);
    // too wide for the terminal: next steps under their rows, then shorter certification names,
    // then shorter holder names
    std::size_t table = 0;
    for (std::size_t i = 0; i < step; ++i) table += 2 + w[i];
    const bool steps_under = style.width && table + 2 + w[step] > style.width;
    if (steps_under && table > style.width) {
        std::size_t over = table - style.width;
        over = narrow_column(w[cert], width(cells[0][cert]), over);
        if (h) narrow_column(w[0], std::max(width(cells[0][0]), kHolderLeast), over);
    }
    // steps under their rows start a little to the right of the certification column
    const std::size_t indent = kStepIndent + (h ? w[0] + 2 : 0);
    const std::size_t wrap = std::max(style.width, indent + kMinWrap);
    const std::string_view ellipsis = glyph(style, Glyph::Ellipsis);
    auto fitted = [&](const std::string& s, std::size_t columns) {
        return width(s) > columns ? pad(shorten(s, columns, ellipsis), columns) : pad(s, columns);
    };
    for (std::size_t k = 0; k < cells.size(); ++k) {
        const auto& row = cells[k];
        const CertReport* r = k == 0 ? nullptr : rows[k - 1];
        if (r && holders == HolderColumn::Grouped && k > 1 && new_holder(k - 1)) out += '\n';
        std::string line = "  ";
        if (h) {
            const std::string holder = fitted(row[0], w[0]);
            line += (r && !row[0].empty() ? paint(style, "\033[1m", holder) : holder) + "  ";
        }
        line += fitted(row[cert], w[cert]);
        line += "  ";
        const std::string state_cell = pad(row[state], w[state]);
        line += r ? paint(style, state_color(r->state), state_cell) : state_cell;
        line += "  " + pad(row[expires], w[expires]) + "  " + pad_left(row[days], w[days]) + "  ";
        if (!r)
            line += pad_left(row[credits], w[credits]);
        else
            line += pad_left((has_bar(*r) ? bar(style, toward_required(*r), *r->required) + " "
                                          : std::string(bar_field, ' ')) +
                                 pad_left(row[credits], figures),
                             w[credits]);
        if (!steps_under) line += "  " + row[step];
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + '\n';
        if (steps_under && r && !row[step].empty())
            append_wrapped(out, std::string(indent, ' '), indent, row[step], indent, wrap);
    }
}

void append_status_notices(std::string& out, const Rules& rules,
                           const std::vector<const CertReport*>& rows, const TextStyle& style,
                           bool name_holders) {
    // each notice once, with the certifications it concerns: (holder, message) → names
    struct Listed {
        const std::string* holder;
        const std::string* message;
        std::vector<std::string> certs;
    };
    std::vector<Listed> notices;
    std::map<std::pair<std::string_view, std::string_view>, std::size_t> seen; // → notices[i]
    for (const CertReport* r : rows)
        for (const Notice& n : r->notices) {
            const std::string& name = rules.certifications[r->cert].name;
            const auto [at, added] = seen.try_emplace(
                {name_holders ? std::string_view(r->holder) : std::string_view(), n.message},
                notices.size());
            if (added)
                notices.push_back({&r->holder, &n.message, {name}});
            else
                notices[at->second].certs.push_back(name);
        }
    if (notices.empty()) return;
    const std::size_t wrap = std::max(style.width, kStepIndent + kMinWrap);
    const std::string dot(glyph(style, Glyph::Dot));
    out += "\nNotices:\n";
    for (const Listed& l : notices) {
        std::string text = name_holders ? *l.holder + " " + dot + " " : std::string();
        for (std::size_t i = 0; i < l.certs.size(); ++i) text += (i ? ", " : "") + l.certs[i];
        text += ": " + *l.message;
        append_wrapped(out, "  - ", 4, text, kStepIndent, style.width ? wrap : 0);
    }
}

} // namespace text_parts

std::string render_status_text(const Rules& rules, const Report& report, const TextStyle& style,
                               bool grouped) {
    if (report.certifications.empty()) {
        return "No certifications recorded (as of " + format_date(report.as_of) +
               "). Add one with: recert add cert ID --earned DATE\n";
    }
    const auto& all = report.certifications;
    if (std::any_of(all.begin(), all.end(),
                    [&](const CertReport& r) { return r.holder != all.front().holder; }))
        return render_team_status_text(rules, report, style, grouped);
    std::vector<const CertReport*> rows;
    rows.reserve(all.size());
    for (const CertReport& r : all) rows.push_back(&r);
    const std::string_view dot = glyph(style, Glyph::Dot);
    std::string out = paint(style, "\033[1m", all.front().holder);
    out += ' ';
    out += dot;
    out += " as of " + format_date(report.as_of) + ' ';
    out += dot;
    out += ' ' + programs_heading(rules, rows) + "\n\n";
    append_status_table(out, rules, rows, style, HolderColumn::None);
    append_status_notices(out, rules, rows, style, false);
    return out;
}

std::string render_explain_text(const Rules& rules, const Ledger& ledger, const CertReport& r,
                                Date as_of, const TextStyle& style) {
    const Certification& c = rules.certifications[r.cert];
    const Level& lv = rules.level_of(c);
    const std::string dot(glyph(style, Glyph::Dot));
    const std::string arrow(glyph(style, Glyph::Arrow));
    std::string out = paint(style, "\033[1m", c.name) + " (" + c.id + ") " + dot + " " + r.holder +
                      " " + dot + " as of " + format_date(as_of) + '\n';
    out += "Level " + lv.name + ", ";
    out += lv.validity_years ? "valid " + std::to_string(*lv.validity_years) + " years"
                             : std::string("lifetime");
    if (lv.lifetime_before)
        out += " (lifetime when earned before " + format_date(*lv.lifetime_before) + ")";
    out += "; state " + paint(style, state_color(r.state), to_string(r.state));
    if (r.expires) out += ", expires " + format_date(*r.expires);
    out += '\n';
    if (c.retired)
        out += "Retired by the program on " + format_date(*c.retired) + ": no recertification.\n";
    if (!lv.paths.empty()) {
        out += "Paths:\n";
        for (const auto& p : lv.paths) out += "  - " + p.description + '\n';
    }
    // an activity's row; wrapped under the text after the verdict when there is a width
    const std::size_t wrap = style.width ? std::max(style.width, kExplainText + kMinWrap) : 0;
    auto line = [&](const ActivityVerdict& v) {
        const Activity& a = ledger.activities[v.activity];
        const bool counted = v.counted;
        // both verdicts as wide, so that what follows starts in one column (kExplainText)
        const std::string lead = "    " + format_date(v.day) + "  " +
                                 (counted ? paint(style, "\033[32m", "counted    ")
                                          : paint(style, "\033[2m", "not counted")) +
                                 "  ";
        std::string s =
            a.kind == ActivityKind::CE
                ? format_credits(a.credits) + " " + rules.policy_named(a.program).program.unit
                : "exam " + a.exam + " (" + exam_kind_name(rules, a) + ")";
        if (!a.title.empty()) s += " \"" + a.title + "\"";
        // a claim that counts on another day than its completion (docs/semantics.md §3a) is listed
        // on that day
        if (v.day != a.date)
            s += std::string(" (completed ") + format_date(a.date) +
                 (a.credited ? ", credited " + format_date(*a.credited)
                             : ", submitted " + format_date(*a.submitted)) +
                 ")";
        if (!counted) s += ": " + v.reason;
        append_wrapped(out, lead, kExplainText, s, kExplainText, wrap);
    };
    // a cycle's outcome, wrapped under its text
    const std::string arrow_lead = "  " + arrow + " ";
    const std::size_t arrow_cells = width(arrow_lead);
    auto outcome = [&](const std::string& text) {
        append_wrapped(out, arrow_lead, arrow_cells, text, arrow_cells,
                       style.width ? std::max(style.width, arrow_cells + kMinWrap) : 0);
    };
    for (std::size_t k = 0; k < r.cycles.size(); ++k) {
        const Cycle& cy = r.cycles[k];
        out += "\nCycle " + std::to_string(k + 1) + ": " + format_date(cy.start) + " to " +
               (cy.end ? format_date(*cy.end) : std::string("(no end)")) + '\n';
        if (cy.carried_over > 0) // counted from the cycle's first day (docs/semantics.md §3.5)
            append_wrapped(out, "    " + format_date(cy.start) + "  carried      ", kExplainText,
                           format_credits(cy.carried_over) + " " + rules.policy_of(c).program.unit +
                               " from the cycle before",
                           kExplainText, wrap);
        if (cy.activities.empty() && cy.carried_over == 0) out += "    no activities\n";
        for (const auto& v : cy.activities) line(v);
        if (cy.outcome == "recertified")
            outcome("recertified on " + format_date(*cy.closed_on) + " via " + cy.via);
        else if (cy.outcome == "renewed")
            outcome("renewed on " + format_date(*cy.closed_on) + " by " + cert_name(rules, cy.via));
        else if (cy.outcome == "expired")
            outcome("expired: no path met by " + format_date(*cy.end));
        else if (cy.outcome == "pending")
            outcome("pending: met only if the pending claims are approved");
        else if (cy.outcome == "superseded")
            outcome("ended on " + format_date(*cy.closed_on) + ": earned again");
        else if (cy.end)
            outcome("open: " + r.next_step);
    }
    if (!r.outside.empty()) {
        out += "\nOutside every cycle of this certification:\n";
        for (const auto& v : r.outside) line(v);
    }
    return out;
}

} // namespace recert
