// The engine's public entry points (recert/engine.hpp): every evaluation goes through
// evaluate_blocks (schedule.cpp).
#include "recert/engine.hpp"

#include "engine/schedule.hpp"
#include "engine/team.hpp"
#include "table/activity_table.hpp"

#include <algorithm>
#include <cctype>

namespace recert {

std::string_view to_string(State s) {
    switch (s) {
    case State::Active:
        return "active";
    case State::Expiring:
        return "expiring";
    case State::Grace:
        return "grace";
    case State::Pending:
        return "pending";
    case State::Expired:
        return "expired";
    case State::Lifetime:
        return "lifetime";
    }
    return "active";
}

std::optional<State> state_from_string(std::string_view name) {
    for (const State s : kStates) {
        const std::string_view known = to_string(s);
        if (name.size() == known.size() &&
            std::equal(name.begin(), name.end(), known.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) == b;
            }))
            return s;
    }
    return std::nullopt;
}

int urgency(State s) {
    switch (s) {
    case State::Expired:
        return 0;
    case State::Pending:
        return 1;
    case State::Grace:
        return 2;
    case State::Expiring:
        return 3;
    case State::Active:
        return 4;
    case State::Lifetime:
        return 5;
    }
    return 4;
}

void evaluate(const Rules& rules, const std::vector<HeldCertification>& certifications,
              const ActivityTable& table, const EvalOptions& options, const ReportSink& sink) {
    engine::evaluate_blocks(rules, certifications, table, options, {&sink, nullptr, nullptr});
}

void evaluate(const Rules& rules, const std::vector<HeldCertification>& certifications,
              const ActivityTable& table, const EvalOptions& options, const PartFormatter& format,
              const TextSink& write) {
    engine::evaluate_blocks(rules, certifications, table, options, {nullptr, &format, &write});
}

Report evaluate(const Rules& rules, const std::vector<HeldCertification>& certifications,
                const ActivityTable& table, const EvalOptions& options) {
    Report report;
    report.as_of = options.as_of;
    evaluate(rules, certifications, table, options, [&](std::vector<CertReport>& block) {
        for (auto& r : block) report.certifications.push_back(std::move(r));
    });
    return report;
}

Report evaluate(const Rules& rules, const Ledger& ledger, const EvalOptions& options) {
    return evaluate(rules, ledger.certifications, ActivityTable::from_ledger(ledger, rules),
                    options);
}

} // namespace recert
