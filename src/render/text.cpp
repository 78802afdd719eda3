#include "recert/render.hpp"

#include <algorithm>
#include <array>
#include <map>

namespace recert {

namespace {

const char* kReset = "\033[0m";

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

// Display width of UTF-8 text (one column per code point).
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

std::string bar(Centi have, Centi need) {
    constexpr int cells = 10;
    const int filled =
        need <= 0 ? cells : static_cast<int>(std::min<Centi>(cells, have * cells / need));
    std::string s;
    for (int i = 0; i < cells; ++i) s += i < filled ? "█" : "░";
    return s;
}

std::string credits_cell(const CertReport& r) {
    if (r.state == State::Lifetime) return "—";
    if (!r.required) return format_credits(r.approved);
    // the bar shows what the credit-only path has of its total, minimums included
    // (docs/semantics.md §8): full only when that path is met
    const Centi toward = r.remaining ? *r.required - *r.remaining : r.approved;
    return bar(toward, *r.required) + " " + format_credits(r.approved) + "/" +
           format_credits(*r.required);
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

std::string paint(const TextStyle& st, const char* color, std::string_view s) {
    if (!st.color) return std::string(s);
    return color + std::string(s) + kReset;
}

} // namespace

std::string render_status_text(const Rules& rules, const Report& report, const TextStyle& style) {
    std::string out;
    if (report.certifications.empty()) {
        return "No certifications recorded (as of " + format_date(report.as_of) +
               "). Add one with: recert add cert ID --earned DATE\n";
    }
    std::map<std::string, std::vector<const CertReport*>> by_holder;
    std::vector<std::string> order;
    for (const auto& r : report.certifications) {
        if (!by_holder.count(r.holder)) order.push_back(r.holder);
        by_holder[r.holder].push_back(&r);
    }
    for (const std::string& holder : order) {
        const auto& rows = by_holder[holder];
        if (!out.empty()) out += '\n';
        // the program's name, or the ids of the holder's programs when there are several
        std::vector<std::size_t> programs;
        for (const CertReport* r : rows) {
            const std::size_t p = rules.program_of(rules.certifications[r->cert]);
            if (std::find(programs.begin(), programs.end(), p) == programs.end())
                programs.push_back(p);
        }
        std::sort(programs.begin(), programs.end());
        std::string names;
        for (std::size_t p : programs)
            names += (names.empty() ? "" : ", ") + rules.programs[p].program.id;
        out += paint(style, "\033[1m", holder) + " · as of " + format_date(report.as_of) + " · " +
               (programs.size() == 1 ? rules.programs[programs.front()].program.name
                                     : "programs " + names) +
               "\n\n";
        std::vector<std::array<std::string, 6>> cells;
        cells.push_back({"CERTIFICATION", "STATE", "EXPIRES", "DAYS", "CREDITS", "NEXT STEP"});
        for (const CertReport* r : rows) {
            const Certification& c = rules.certifications[r->cert];
            cells.push_back({c.name + (r->retired ? " (retired)" : ""),
                             std::string(to_string(r->state)),
                             r->expires ? format_date(*r->expires) : "never",
                             r->days_left ? std::to_string(*r->days_left) : "—", credits_cell(*r),
                             r->next_step});
        }
        std::array<std::size_t, 6> w{};
        for (const auto& row : cells)
            for (std::size_t i = 0; i < 6; ++i) w[i] = std::max(w[i], width(row[i]));
        for (std::size_t k = 0; k < cells.size(); ++k) {
            const auto& row = cells[k];
            std::string line = "  " + pad(row[0], w[0]) + "  ";
            const std::string state = pad(row[1], w[1]);
            line += k == 0 ? state : paint(style, state_color(rows[k - 1]->state), state);
            line += "  " + pad(row[2], w[2]) + "  " + pad_left(row[3], w[3]) + "  " +
                    pad_left(row[4], w[4]) + "  " + row[5];
            while (!line.empty() && line.back() == ' ') line.pop_back();
            out += line + '\n';
        }
        // notices, each once, with the certifications it concerns
        std::vector<std::pair<std::string, std::vector<std::string>>> notices;
        for (const CertReport* r : rows)
            for (const Notice& n : r->notices) {
                auto it = std::find_if(notices.begin(), notices.end(),
                                       [&](const auto& p) { return p.first == n.message; });
                const std::string& name = rules.certifications[r->cert].name;
                if (it == notices.end())
                    notices.push_back({n.message, {name}});
                else
                    it->second.push_back(name);
            }
        if (!notices.empty()) {
            out += "\nNotices:\n";
            for (const auto& [msg, certs] : notices) {
                std::string who;
                for (const auto& c : certs) who += (who.empty() ? "" : ", ") + c;
                out += "  - ";
                out += who;
                out += ": ";
                out += msg;
                out += '\n';
            }
        }
    }
    return out;
}

std::string render_explain_text(const Rules& rules, const Ledger& ledger, const CertReport& r,
                                Date as_of, const TextStyle& style) {
    const Certification& c = rules.certifications[r.cert];
    const Level& lv = rules.level_of(c);
    std::string out = paint(style, "\033[1m", c.name) + " (" + c.id + ") · " + r.holder +
                      " · as of " + format_date(as_of) + '\n';
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
    auto line = [&](const ActivityVerdict& v) {
        const Activity& a = ledger.activities[v.activity];
        const bool counted = v.counted;
        std::string what =
            a.kind == ActivityKind::CE
                ? format_credits(a.credits) + " " + rules.policy_named(a.program).program.unit
                : "exam " + a.exam + " (" + exam_kind_name(rules, a) + ")";
        // a claim that counts on another day than its completion (docs/semantics.md §3a) is listed
        // on that day
        const bool moved = v.day != a.date;
        std::string s = "    " + format_date(v.day) + "  " +
                        (counted ? paint(style, "\033[32m", "counted   ")
                                 : paint(style, "\033[2m", "not counted"));
        s += "  " + what;
        if (!a.title.empty()) s += " \"" + a.title + "\"";
        if (moved)
            s += std::string(" (completed ") + format_date(a.date) +
                 (a.credited ? ", credited " + format_date(*a.credited)
                             : ", submitted " + format_date(*a.submitted)) +
                 ")";
        if (!counted) s += ": " + v.reason;
        return s + '\n';
    };
    for (std::size_t k = 0; k < r.cycles.size(); ++k) {
        const Cycle& cy = r.cycles[k];
        out += "\nCycle " + std::to_string(k + 1) + ": " + format_date(cy.start) + " to " +
               (cy.end ? format_date(*cy.end) : std::string("(no end)")) + '\n';
        if (cy.carried_over > 0) // counted from the cycle's first day (docs/semantics.md §3.5)
            out += "    " + format_date(cy.start) + "  carried over  " +
                   format_credits(cy.carried_over) + " " + rules.policy_of(c).program.unit +
                   " from the cycle before\n";
        if (cy.activities.empty() && cy.carried_over == 0) out += "    no activities\n";
        for (const auto& v : cy.activities) out += line(v);
        if (cy.outcome == "recertified")
            out += "  → recertified on " + format_date(*cy.closed_on) + " via " + cy.via + '\n';
        else if (cy.outcome == "renewed")
            out += "  → renewed on " + format_date(*cy.closed_on) + " by " +
                   cert_name(rules, cy.via) + '\n';
        else if (cy.outcome == "expired")
            out += "  → expired: no path met by " + format_date(*cy.end) + '\n';
        else if (cy.outcome == "pending")
            out += "  → pending: met only if the pending claims are approved\n";
        else if (cy.outcome == "superseded")
            out += "  → ended on " + format_date(*cy.closed_on) + ": earned again\n";
        else if (cy.end)
            out += "  → open: " + r.next_step + '\n';
    }
    if (!r.outside.empty()) {
        out += "\nOutside every cycle of this certification:\n";
        for (const auto& v : r.outside) out += line(v);
    }
    return out;
}

} // namespace recert
