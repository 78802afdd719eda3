// --state and --sort (state_options.hpp).
#include "state_options.hpp"

#include "context.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace recert::cli {

namespace {

// "active, expiring, grace, pending, expired and lifetime": for hints.
std::string state_names() {
    std::vector<std::string> names;
    names.reserve(kStates.size());
    for (const State s : kStates) names.emplace_back(to_string(s));
    return or_list(names, "and");
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

std::string lower_text(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

struct OrderName {
    std::string_view name;
    ReportOrder order;
};
constexpr std::array<OrderName, 4> kOrders{{{"holder", ReportOrder::Holder},
                                            {"expires", ReportOrder::Expires},
                                            {"days", ReportOrder::Days},
                                            {"state", ReportOrder::State}}};

} // namespace

std::vector<State> parse_states(const std::string& option, const std::vector<std::string>& values) {
    std::array<bool, kStates.size()> wanted{};
    for (const std::string& value : values) {
        if (trimmed(value).empty())
            throw UserError(option + ": expected one or more states, comma-separated",
                            "the states are " + state_names());
        for (std::size_t at = 0; at <= value.size();) {
            std::size_t end = value.find(',', at);
            if (end == std::string::npos) end = value.size();
            const std::string_view name = trimmed(std::string_view(value).substr(at, end - at));
            at = end + 1;
            if (name.empty())
                throw UserError(option + ": expected a state between the commas in \"" +
                                    shown(value) + "\"",
                                "the states are " + state_names());
            const std::optional<State> s = state_from_string(name);
            if (!s) {
                ClosestName close(lower_text(name));
                for (const State known : kStates) close.offer(to_string(known));
                throw UserError(option + ": unknown state \"" + shown(name) + "\"",
                                close.best().empty() ? "the states are " + state_names()
                                                     : "did you mean " + close.best() + "?");
            }
            wanted[static_cast<std::size_t>(*s)] = true;
        }
    }
    std::vector<State> out;
    for (const State s : kStates)
        if (wanted[static_cast<std::size_t>(s)]) out.push_back(s);
    return out;
}

void keep_states(std::vector<CertReport>& reports, const std::vector<State>& states) {
    if (states.empty()) return;
    reports.erase(std::remove_if(reports.begin(), reports.end(),
                                 [&](const CertReport& r) {
                                     return std::find(states.begin(), states.end(), r.state) ==
                                            states.end();
                                 }),
                  reports.end());
}

ReportOrder parse_order(const std::string& option, const std::string& value) {
    const std::string typed = lower_text(trimmed(value));
    ClosestName close(typed);
    std::vector<std::string> names;
    names.reserve(kOrders.size());
    for (const OrderName& o : kOrders) {
        if (typed == o.name) return o.order;
        close.offer(o.name);
        names.emplace_back(o.name);
    }
    throw UserError(option + ": unknown order \"" + shown(value) + "\"",
                    close.best().empty() ? "the orders are " + or_list(names, "and")
                                         : "did you mean " + close.best() + "?");
}

void sort_reports(std::vector<CertReport>& reports, ReportOrder order) {
    // a key to sort by, smallest first: a missing date or day count (lifetime) after every other
    auto by = [&](auto key) {
        std::stable_sort(reports.begin(), reports.end(),
                         [&](const CertReport& a, const CertReport& b) { return key(a) < key(b); });
    };
    switch (order) {
    case ReportOrder::Holder:
        return;
    case ReportOrder::Expires:
        return by([](const CertReport& r) {
            return std::pair(!r.expires.has_value(), r.expires.value_or(Date{}));
        });
    case ReportOrder::Days:
        return by([](const CertReport& r) {
            return std::pair(!r.days_left.has_value(), r.days_left.value_or(0));
        });
    case ReportOrder::State:
        return by([](const CertReport& r) { return urgency(r.state); });
    }
}

} // namespace recert::cli
