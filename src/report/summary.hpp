// The team view behind `recert report`: every certification report of a team folded into counts
// by state, headcounts per certification (now, in 30/60/90 days, at each of the next 12 month
// ends) against requirements, expiries per month, and the at-risk rows. Renderers only format it.
#pragma once

#include "recert/engine.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace recert {

inline constexpr std::size_t kStateCount = kStates.size(); // the values of State
inline constexpr int kReportMonths = 12;                   // months ahead in the tables and charts
inline constexpr std::array<int, 3> kActiveInDays = {30, 60, 90};
inline constexpr int kRecentlyExpiredDays = 90; // an expiry this recent is still at risk

// Minimum active holders of one certification (`report --require`).
struct Requirement {
    std::size_t cert = 0; // index into Rules::certifications
    int minimum = 0;
};

// One row of the at-risk list: expiring, grace, pending, or expired in the last 90 days.
struct AtRiskRow {
    std::string holder;
    std::size_t cert = 0;
    State state = State::Active;
    std::optional<Date> expires;
    int days_left = 0;
    Centi approved = 0;
    Centi pending = 0;
    std::optional<Centi> required;
    std::optional<Centi> remaining;
    std::string next_step;
};

struct CertSummary {
    std::size_t cert = 0;                  // index into Rules::certifications
    int holders = 0;                       // holders with a report of it, whatever its state
    std::array<int, kStateCount> states{}; // by State
    int active_now = 0;                    // in force today: active, expiring or lifetime
    std::array<int, kActiveInDays.size()> active_in{}; // still in force then if nobody acts
    std::array<int, kReportMonths> active_at_month_end{};
    std::optional<int> required; // from --require
    // what is missing against `required` (0 when met): now, and at each month end
    int shortfall_now() const;
    int shortfall_at(int month) const;
};

// Expiries (of certifications in force or in grace, if nobody acts) in one calendar month.
struct MonthSummary {
    int year = 0;
    unsigned month = 0; // 1..12
    Date first;         // its first day
    int total = 0;
    std::vector<int> by_level; // indexed like Rules::levels
    std::vector<int> by_cert;  // indexed like Rules::certifications
};

struct TeamSummary {
    Date as_of;
    int holders = 0;
    int reports = 0; // certifications held (one per holder and certification)
    std::array<int, kStateCount> states{};
    std::vector<CertSummary> certs;   // the certifications held or required, level rank first
    std::vector<std::size_t> levels;  // the levels of `certs`, highest rank first
    std::vector<MonthSummary> months; // kReportMonths, as_of's month first
    std::vector<AtRiskRow> at_risk;   // the first `limit`, fewest days left first
    std::size_t at_risk_total = 0;
    std::size_t limit = 0;
};

// Folds reports into a summary, a block at a time (blocks in holder order, as the engine hands
// them on). Requirements name certifications that may have no holder: they get a row too.
class SummaryBuilder {
  public:
    SummaryBuilder(const Rules& rules, Date as_of, std::vector<Requirement> required,
                   std::size_t limit);
    void add(const std::vector<CertReport>& block);
    TeamSummary finish();

  private:
    const Rules& rules_;
    TeamSummary s_;
    std::vector<Requirement> required_;
    std::vector<int> cert_slot_; // Rules::certifications index -> index into s_.certs, or -1
    std::array<Date, kReportMonths> month_end_{}; // the last day of each month of s_.months
    std::string last_holder_;
    void add_one(const CertReport& r);
};

// Whether a certification in this state counts toward a headcount: in force with nothing
// outstanding (active, expiring, lifetime). Grace, pending and expired do not.
bool in_force(State s);

} // namespace recert
