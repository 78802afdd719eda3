#include "report/summary.hpp"

#include <algorithm>
#include <tuple>

namespace recert {

bool in_force(State s) {
    return s == State::Active || s == State::Expiring || s == State::Lifetime;
}

int CertSummary::shortfall_now() const {
    return required ? std::max(0, *required - active_now) : 0;
}

int CertSummary::shortfall_at(int month) const {
    return required ? std::max(0, *required - active_at_month_end[static_cast<std::size_t>(month)])
                    : 0;
}

namespace {

bool at_risk(const CertReport& r) {
    switch (r.state) {
    case State::Expiring:
    case State::Grace:
    case State::Pending:
        return true;
    case State::Expired:
        return r.days_left && *r.days_left >= -kRecentlyExpiredDays;
    case State::Active:
    case State::Lifetime:
        return false;
    }
    return false;
}

// Whether the certification is still in force on `day` if nobody acts.
bool in_force_on(const CertReport& r, Date day) {
    return in_force(r.state) && (!r.expires || *r.expires >= day);
}

} // namespace

SummaryBuilder::SummaryBuilder(const Rules& rules, Date as_of, std::vector<Requirement> required,
                               std::size_t limit)
    : rules_(rules), required_(std::move(required)), cert_slot_(rules.certifications.size(), -1) {
    s_.as_of = as_of;
    s_.limit = limit;
    const Ymd ymd = to_ymd(as_of);
    Date first = *make_date(ymd.year, ymd.month, 1);
    s_.months.reserve(kReportMonths);
    for (int i = 0; i < kReportMonths; ++i, first = add_months(first, 1)) {
        const Ymd m = to_ymd(first);
        s_.months.push_back(MonthSummary{m.year, m.month, first, 0,
                                         std::vector<int>(rules.levels.size(), 0),
                                         std::vector<int>(rules.certifications.size(), 0)});
        month_end_[static_cast<std::size_t>(i)] = add_days(add_months(first, 1), -1);
    }
}

void SummaryBuilder::add(const std::vector<CertReport>& block) {
    for (const CertReport& r : block) add_one(r);
}

void SummaryBuilder::add_one(const CertReport& r) {
    if (r.holder != last_holder_ || s_.reports == 0) {
        ++s_.holders;
        last_holder_ = r.holder;
    }
    ++s_.reports;
    const auto state = static_cast<std::size_t>(r.state);
    ++s_.states[state];
    int& slot = cert_slot_[r.cert];
    if (slot < 0) {
        slot = static_cast<int>(s_.certs.size());
        s_.certs.push_back(CertSummary{});
        s_.certs.back().cert = r.cert;
    }
    CertSummary& c = s_.certs[static_cast<std::size_t>(slot)];
    ++c.holders;
    ++c.states[state];
    if (in_force(r.state)) {
        ++c.active_now;
        for (std::size_t i = 0; i < kActiveInDays.size(); ++i)
            c.active_in[i] += in_force_on(r, add_days(s_.as_of, kActiveInDays[i])) ? 1 : 0;
        for (std::size_t m = 0; m < month_end_.size(); ++m)
            c.active_at_month_end[m] += in_force_on(r, month_end_[m]) ? 1 : 0;
    }
    // an expiry to come, of a certification that is not already lost
    if (r.expires && *r.expires >= s_.as_of && r.state != State::Expired) {
        const auto it = std::upper_bound(s_.months.begin(), s_.months.end(), *r.expires,
                                         [](Date d, const MonthSummary& m) { return d < m.first; });
        if (it != s_.months.begin()) {
            MonthSummary& m = *(it - 1);
            if (*r.expires < add_months(m.first, 1)) {
                ++m.total;
                ++m.by_level[rules_.certifications[r.cert].level];
                ++m.by_cert[r.cert];
            }
        }
    }
    if (at_risk(r))
        s_.at_risk.push_back(AtRiskRow{r.holder, r.cert, r.state, r.expires,
                                       r.days_left.value_or(0), r.approved, r.pending, r.required,
                                       r.remaining, r.next_step});
}

TeamSummary SummaryBuilder::finish() {
    for (const Requirement& q : required_) {
        int& slot = cert_slot_[q.cert];
        if (slot < 0) {
            slot = static_cast<int>(s_.certs.size());
            s_.certs.push_back(CertSummary{});
            s_.certs.back().cert = q.cert;
        }
        s_.certs[static_cast<std::size_t>(slot)].required = q.minimum;
    }
    const auto& certs = rules_.certifications;
    const auto& levels = rules_.levels;
    auto rank_order = [&](std::size_t a, std::size_t b) {
        const Level& la = levels[certs[a].level];
        const Level& lb = levels[certs[b].level];
        return std::tie(la.program, lb.rank, certs[a].name) <
               std::tie(lb.program, la.rank, certs[b].name);
    };
    std::sort(s_.certs.begin(), s_.certs.end(), [&](const CertSummary& a, const CertSummary& b) {
        return rank_order(a.cert, b.cert);
    });
    for (const CertSummary& c : s_.certs) {
        const std::size_t level = certs[c.cert].level;
        if (std::find(s_.levels.begin(), s_.levels.end(), level) == s_.levels.end())
            s_.levels.push_back(level);
    }
    s_.at_risk_total = s_.at_risk.size();
    auto urgent = [&](const AtRiskRow& a, const AtRiskRow& b) {
        return std::tie(a.days_left, a.holder, certs[a.cert].name) <
               std::tie(b.days_left, b.holder, certs[b.cert].name);
    };
    if (s_.at_risk.size() > s_.limit) {
        std::nth_element(s_.at_risk.begin(),
                         s_.at_risk.begin() + static_cast<std::ptrdiff_t>(s_.limit),
                         s_.at_risk.end(), urgent);
        s_.at_risk.resize(s_.limit);
    }
    std::sort(s_.at_risk.begin(), s_.at_risk.end(), urgent);
    return std::move(s_);
}

} // namespace recert
