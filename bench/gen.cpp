// bench/gen: a deterministic team data set for benchmarks.
//
//   gen --holders H --rows N [--seed S] [--out DIR] [--journal]
//
// Writes DIR/certs.csv (H holders, 1-3 Cisco certifications each, earned 2019-2025) and
// DIR/activities.csv (N rows: CE claims of 1-40 credits, mostly approved, some pending, rejected
// and unclaimed, plus passed exams; dates 2019-2026; titles with commas and quotes). With
// --journal, also DIR/journal.ledger: the same CE claims as a ledger-cli journal.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

struct SplitMix {
    std::uint64_t s;
    std::uint64_t next() {
        std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    unsigned below(unsigned n) { return static_cast<unsigned>(next() % n); }
};

const char* kCerts[] = {"ccna",
                        "ccnp-enterprise",
                        "ccnp-security",
                        "ccie-security",
                        "devnet-associate",
                        "cyberops-associate",
                        "ccnp-data-center",
                        "ccie-enterprise-infrastructure",
                        "specialist-enterprise-core",
                        "ccde"};
const char* kExams[] = {"200-301", "350-401", "350-701", "300-410",
                        "300-415", "300-710", "300-715", "350-601"};
const char* kTitles[] = {
    "ENARSI instructor-led course, 5 days", "Cisco Live session \"\"Automation 101\"\"",
    "SD-WAN e-learning, with labs",         "Security webinar",
    "Data center bootcamp, part 2",         "Exam item authoring",
    "Wireless design \"\"deep dive\"\"",    "DevNet hands-on lab"};
const char* kCategories[] = {"training", "event",     "training", "event",
                             "training", "authoring", "training", "training"};

int days_in_month(int y, int m) {
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : d[m - 1];
}

void date(SplitMix& r, int y0, int y1, char* out) {
    const unsigned y =
        static_cast<unsigned>(y0) + r.below(static_cast<unsigned>(y1 - y0 + 1)) % 10000;
    const unsigned m = 1 + r.below(12);
    const unsigned d =
        1 + r.below(static_cast<unsigned>(days_in_month(static_cast<int>(y), static_cast<int>(m))));
    out[0] = static_cast<char>('0' + y / 1000 % 10);
    out[1] = static_cast<char>('0' + y / 100 % 10);
    out[2] = static_cast<char>('0' + y / 10 % 10);
    out[3] = static_cast<char>('0' + y % 10);
    out[4] = '-';
    out[5] = static_cast<char>('0' + m / 10);
    out[6] = static_cast<char>('0' + m % 10);
    out[7] = '-';
    out[8] = static_cast<char>('0' + d / 10);
    out[9] = static_cast<char>('0' + d % 10);
    out[10] = '\0';
}

} // namespace

int main(int argc, char** argv) {
    long holders = 1000, rows = 10000;
    std::uint64_t seed = 42;
    std::string out = ".";
    bool journal = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> const char* {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "gen: %s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--holders")
            holders = std::atol(value());
        else if (a == "--rows")
            rows = std::atol(value());
        else if (a == "--seed")
            seed = std::strtoull(value(), nullptr, 10);
        else if (a == "--out")
            out = value();
        else if (a == "--journal")
            journal = true;
        else {
            std::fprintf(stderr,
                         "usage: gen --holders H --rows N [--seed S] [--out DIR] [--journal]\n");
            return 2;
        }
    }
    if (holders < 1 || rows < 0) return 2;
    SplitMix r{seed};
    FILE* certs = std::fopen((out + "/certs.csv").c_str(), "w");
    FILE* acts = std::fopen((out + "/activities.csv").c_str(), "w");
    FILE* jour = journal ? std::fopen((out + "/journal.ledger").c_str(), "w") : nullptr;
    if (!certs || !acts || (journal && !jour)) {
        std::perror("gen");
        return 2;
    }
    std::fputs("holder,certification,earned\n", certs);
    char d[16], s[16];
    for (long h = 0; h < holders; ++h) {
        const unsigned n = 1 + r.below(3);
        unsigned first = r.below(10);
        for (unsigned k = 0; k < n; ++k) {
            date(r, 2019, 2025, d);
            std::fprintf(certs, "Holder %06ld,%s,%s\n", h, kCerts[(first + k * 3) % 10], d);
        }
    }
    std::fputs("holder,date,kind,credits,exam,status,submitted,title,category\n", acts);
    for (long i = 0; i < rows; ++i) {
        const long h = static_cast<long>(r.below(static_cast<unsigned>(holders)));
        date(r, 2019, 2026, d);
        if (r.below(20) == 0) {
            std::fprintf(acts, "Holder %06ld,%s,exam,,%s,,,,\n", h, d, kExams[r.below(8)]);
            continue;
        }
        const unsigned credits = 1 + r.below(40);
        const unsigned p = r.below(100);
        const char* status = p < 80   ? "approved"
                             : p < 90 ? "pending"
                             : p < 95 ? "rejected"
                                      : "unclaimed";
        const unsigned t = r.below(8);
        std::string submitted;
        if (p < 95) {
            std::memcpy(s, d, 11);
            int day = (s[8] - '0') * 10 + (s[9] - '0');
            day =
                day > 20 ? day : day + static_cast<int>(r.below(8)); // a few days later, same month
            day = day % 100;
            s[8] = static_cast<char>('0' + day / 10);
            s[9] = static_cast<char>('0' + day % 10);
            submitted = s;
        }
        std::fprintf(acts, "Holder %06ld,%s,ce,%u,,%s,%s,\"%s\",%s\n", h, d, credits, status,
                     submitted.c_str(), kTitles[t], kCategories[t]);
        if (jour)
            std::fprintf(jour, "%s Claim\n    Credits:Holder %06ld  %u\n    Training\n\n", d, h,
                         credits);
    }
    std::fclose(certs);
    std::fclose(acts);
    if (jour) std::fclose(jour);
    return 0;
}
