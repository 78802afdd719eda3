// iCalendar output (RFC 5545) of a report: what lies ahead as all-day events.
//
// Choices, so that a calendar holds only what a person can still act on:
// - an expiry event for each certification that expires on or after the as-of date (state active or
//   expiring). Lifetime certifications never expire; expired and pending ones have their expiry
//   behind them already, so they get no event.
// - a reminder (VALARM) 90 and 30 days before each expiry, always both, as the issue asks: an
//   export is a standing calendar, and its reminders stay right when it is imported again later.
//   (A calendar may show a reminder whose day is already past as missed when importing.)
// - a claim-deadline event for each `claim_deadline` notice (an unclaimed CE activity whose claim
//   window is still open). The same activity is noticed under every certification whose cycle it
//   falls in: one event per (holder, activity), listing those certifications.
// - UIDs are a hash of what the event is about, not of its date: (holder, certification) for an
//   expiry, (holder, activity id) for a claim deadline. Importing a newer export therefore updates
//   the event in place (the expiry moves after a recertification) instead of leaving the old date
//   behind. The DTSTAMP is the as-of date at 00:00:00Z: later exports carry later stamps.
#include "recert/ics.hpp"

#include "recert/date.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <map>
#include <vector>

namespace recert {

namespace {

constexpr int kReminderDays[] = {90, 30};

struct Alarm {
    int days_before = 0;
    std::string description;
};

struct Event {
    Date date;
    std::string uid;
    std::string summary;
    std::string description;
    std::vector<Alarm> alarms;
    std::vector<std::string> counts_toward; // claim deadlines: certification names
};

// FNV-1a, 64 bits: a stable hash that does not depend on the platform or the standard library.
std::uint64_t fnv1a(std::string_view s) {
    std::uint64_t h = 14695981039346656037ULL;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

// kind-HASH@recert, the hash taken over the parts separated by a byte that no name contains.
std::string make_uid(std::string_view kind, std::initializer_list<std::string_view> parts) {
    std::string key(kind);
    for (auto p : parts) {
        key += '\x1f';
        key += p;
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a(key)));
    return std::string(kind) + '-' + hex + "@recert";
}

std::string ics_date(Date d) {
    const Ymd ymd = to_ymd(d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02u%02u", ymd.year, ymd.month, ymd.day);
    return buf;
}

// " (Ana Silva)" after a summary; nothing for the default holder of a personal ledger.
std::string who(const std::string& holder) {
    return holder == kDefaultHolder ? std::string() : " (" + holder + ")";
}

std::string days_text(int n) {
    return std::to_string(n) + (n == 1 ? " day" : " days");
}

void add_line(std::string& out, std::string_view name, std::string_view value) {
    std::string line(name);
    line += ':';
    line += value;
    out += ics_fold_line(line);
}

} // namespace

std::string ics_escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case ';':
            out += "\\;";
            break;
        case ',':
            out += "\\,";
            break;
        case '\r':
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
            out += "\\n";
            break;
        case '\n':
            out += "\\n";
            break;
        default:
            // TEXT excludes control characters other than HTAB
            if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) break;
            out += c;
        }
    }
    return out;
}

std::string ics_fold_line(std::string_view line) {
    std::string out;
    out.reserve(line.size() + line.size() / 70 * 3 + 2);
    std::size_t pos = 0;
    std::size_t limit = 75; // octets on this physical line, the continuation's space included
    while (line.size() - pos > limit) {
        std::size_t cut = pos + limit;
        // never start the next line with a UTF-8 continuation byte (10xxxxxx)
        while (cut > pos && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        if (cut == pos) cut = pos + limit; // not UTF-8: cut anyway rather than loop
        out.append(line, pos, cut - pos);
        out += "\r\n ";
        pos = cut;
        limit = 74;
    }
    out.append(line, pos, std::string_view::npos);
    out += "\r\n";
    return out;
}

std::string render_ics(const Rules& rules, const Ledger& ledger, const Report& report) {
    const Date as_of = report.as_of;
    std::vector<Event> events;

    // expiries ahead
    for (const CertReport& r : report.certifications) {
        if (!r.expires || *r.expires < as_of) continue;
        if (r.state != State::Active && r.state != State::Expiring) continue;
        const Certification& cert = rules.certifications[r.cert];
        const std::string day = format_date(*r.expires);
        Event e;
        e.date = *r.expires;
        e.uid = make_uid("expiry", {r.holder, cert.id});
        e.summary = cert.name + " expires" + who(r.holder);
        e.description =
            cert.name + " (" + cert.id + ") of " + r.holder + " is valid through " + day + ".";
        if (r.required)
            e.description +=
                "\nCredits: " + format_credits(r.approved) + " of " + format_credits(*r.required) +
                " " + rules.policy_of(cert).program.unit + " approved" +
                (r.pending > 0 ? ", " + format_credits(r.pending) + " pending" : "") + ".";
        if (!r.next_step.empty()) e.description += "\nNext step: " + r.next_step + ".";
        for (int days : kReminderDays)
            e.alarms.push_back(Alarm{days, cert.name + who(r.holder) + " expires on " + day +
                                               ", in " + days_text(days)});
        events.push_back(std::move(e));
    }

    // the end of a grace period (a certification past its expiry that can still be renewed)
    for (const CertReport& r : report.certifications) {
        if (r.state != State::Grace) continue;
        const Certification& cert = rules.certifications[r.cert];
        for (const Notice& n : r.notices) {
            if (n.code != "grace" || !n.date || *n.date < as_of) continue;
            const std::string day = format_date(*n.date);
            Event e;
            e.date = *n.date;
            e.uid = make_uid("grace", {r.holder, cert.id});
            e.summary = cert.name + " grace period ends" + who(r.holder);
            e.description = cert.name + " (" + cert.id + ") of " + r.holder + " " + n.message +
                            ".\nNext step: " + r.next_step + ".";
            for (int days : kReminderDays)
                e.alarms.push_back(Alarm{days, cert.name + who(r.holder) +
                                                   ": the grace period ends on " + day + ", in " +
                                                   days_text(days)});
            events.push_back(std::move(e));
        }
    }

    // open claim deadlines, one event per (holder, activity)
    std::map<std::pair<std::string, std::string>, std::size_t> claim_index;
    for (const CertReport& r : report.certifications) {
        const std::string& cert_name = rules.certifications[r.cert].name;
        const int window = rules.policy_of(rules.certifications[r.cert]).claim_window_days;
        for (const Notice& n : r.notices) {
            if (n.code != "claim_deadline" || !n.date || *n.date < as_of) continue;
            const auto key = std::make_pair(r.holder, n.activity);
            if (auto it = claim_index.find(key); it != claim_index.end()) {
                auto& names = events[it->second].counts_toward;
                if (std::find(names.begin(), names.end(), cert_name) == names.end())
                    names.push_back(cert_name);
                continue;
            }
            std::string title = "activity " + n.activity;
            for (const Activity& a : ledger.activities)
                if (a.holder == r.holder && a.id == n.activity && !a.title.empty()) title = a.title;
            Event e;
            e.date = *n.date;
            e.uid = make_uid("claim", {r.holder, n.activity});
            e.summary = "Submit CE claim: " + title + who(r.holder);
            e.description = n.message;
            if (!e.description.empty())
                e.description[0] =
                    static_cast<char>(std::toupper(static_cast<unsigned char>(e.description[0])));
            e.description += ". Last day of the " + std::to_string(window) + "-day claim window.";
            e.counts_toward.push_back(cert_name);
            claim_index.emplace(key, events.size());
            events.push_back(std::move(e));
        }
    }
    for (Event& e : events) {
        if (e.counts_toward.empty()) continue;
        e.description += "\nCounts toward: ";
        for (std::size_t i = 0; i < e.counts_toward.size(); ++i)
            e.description += (i ? ", " : "") + e.counts_toward[i];
        e.description += ".";
    }

    // by date; on one day expiries first, then in report order
    std::stable_sort(events.begin(), events.end(),
                     [](const Event& a, const Event& b) { return a.date < b.date; });

    const std::string stamp = ics_date(as_of) + "T000000Z";
    std::string out;
    add_line(out, "BEGIN", "VCALENDAR");
    add_line(out, "VERSION", "2.0");
    add_line(out, "PRODID", "-//recert//recert//EN");
    add_line(out, "CALSCALE", "GREGORIAN");
    add_line(out, "METHOD", "PUBLISH");
    add_line(out, "X-WR-CALNAME", ics_escape_text("Recertification (" + rules.program.name + ")"));
    for (const Event& e : events) {
        add_line(out, "BEGIN", "VEVENT");
        add_line(out, "UID", e.uid);
        add_line(out, "DTSTAMP", stamp);
        add_line(out, "DTSTART;VALUE=DATE", ics_date(e.date));
        add_line(out, "DTEND;VALUE=DATE", ics_date(add_days(e.date, 1)));
        add_line(out, "SUMMARY", ics_escape_text(e.summary));
        add_line(out, "DESCRIPTION", ics_escape_text(e.description));
        add_line(out, "TRANSP", "TRANSPARENT");
        for (const Alarm& a : e.alarms) {
            add_line(out, "BEGIN", "VALARM");
            add_line(out, "ACTION", "DISPLAY");
            add_line(out, "DESCRIPTION", ics_escape_text(a.description));
            add_line(out, "TRIGGER", "-P" + std::to_string(a.days_before) + "D");
            add_line(out, "END", "VALARM");
        }
        add_line(out, "END", "VEVENT");
    }
    add_line(out, "END", "VCALENDAR");
    return out;
}

} // namespace recert
