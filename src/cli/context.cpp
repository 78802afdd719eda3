#include "context.hpp"

#include "builtin_programs.hpp"

#include "input/csv_input.hpp"
#include "model/records.hpp"
#include "model/store.hpp"
#include "progress.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <iostream>
#include <iterator>
#include <malloc.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <unordered_map>
#include <unordered_set>

namespace recert::cli {

void print_errors(const UserError& e) {
    constexpr std::size_t kMax = 50;
    const Diagnostics& ds = e.diagnostics;
    for (std::size_t i = 0; i < ds.size() && i < kMax; ++i) {
        const Diagnostic& d = ds[i];
        if (!e.summary.empty()) {
            std::cerr << d.file;
            if (d.line > 0) std::cerr << ':' << d.line << ':' << (d.column > 0 ? d.column : 1);
            std::cerr << ": error: " << d.message << '\n';
        } else {
            std::cerr << "recert: error: " << format_location(d) << '\n';
        }
        if (!d.hint.empty()) std::cerr << "  hint: " << d.hint << '\n';
    }
    if (ds.size() > kMax)
        std::cerr << (e.summary.empty() ? "recert: error: " : "") << "and " << ds.size() - kMax
                  << " more\n";
    if (!e.summary.empty()) std::cerr << "recert: error: " << e.summary << '\n';
}

int open_input(const std::string& path) {
    if (path == "-") return STDIN_FILENO;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw UserError(path + ": cannot open: " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        ::close(fd);
        throw UserError(path + ": is a directory, expected a CSV file");
    }
    return fd;
}

std::optional<ImportMap> load_map_file(const std::string& path) {
    if (path.empty()) return std::nullopt;
    ReadResult r = read_file(path);
    if (!r.text) throw UserError(r.error);
    auto res = load_map(*r.text, path);
    if (!res.ok()) throw UserError(res.errors);
    return std::move(*res.value);
}

void print_notes(const Globals& g, const std::vector<std::string>& notes) {
    if (g.quiet) return;
    for (const auto& n : notes) std::cerr << "recert: note: " << n << '\n';
}

namespace {
// Reads --certs and --activities into `in` (a large file on both cores, $RECERT_THREADS
// permitting); throws with every problem found, prints the notes.
void read_csv_inputs(const Globals& g, const Rules& rules, const std::string& default_holder,
                     CsvInput& in) {
    const EvalOptions opt = eval_options(Date{}, false);
    const unsigned threads =
        opt.threads > 0 ? opt.threads : std::max(1u, std::thread::hardware_concurrency());
    // --map reads both files, --certs-map --certs instead
    const std::optional<ImportMap> map = load_map_file(g.map);
    const std::optional<ImportMap> certs_map = load_map_file(g.certs_map);
    auto read = [&](const std::string& path, CsvContent content, const std::optional<ImportMap>& m,
                    const char* map_option) {
        if (path.empty()) return;
        const int fd = open_input(path);
        Progress bar("reading " + path, file_size(fd), g.quiet);
        in.map_option = map_option;
        read_csv_file(
            path, fd, path == "-" ? "<stdin>" : path, rules, m ? &*m : nullptr, default_holder,
            content, in, [&](std::size_t done) { bar.update(done); }, threads);
        bar.finish();
        if (fd != STDIN_FILENO) ::close(fd);
    };
    if (certs_map)
        read(g.certs, CsvContent::Certifications, certs_map, "--certs-map");
    else
        read(g.certs, CsvContent::Certifications, map, "--map");
    read(g.activities, CsvContent::Activities, map, "--map");
    if (!in.errors.empty())
        throw UserError(in.errors, std::to_string(in.errors.size()) +
                                       (in.errors.size() == 1 ? " problem" : " problems") +
                                       " in the input");
    print_notes(g, in.notices);
}

// Moves the elements of `more` to the end of `to`.
template <class T> void append_moved(std::vector<T>& to, std::vector<T>& more) {
    if (to.empty()) {
        to.swap(more);
        return;
    }
    to.reserve(to.size() + more.size());
    for (auto& x : more) to.push_back(std::move(x));
}

// With CSV inputs, at most one of them and a ledger named with --ledger may be stdin ("-"); said
// before anything is read.
void check_one_stdin(const Globals& g) {
    const bool ledger_named = !g.ledger.empty();
    if ((g.certs == "-") + (g.activities == "-") + (ledger_named && ledger_path(g) == "-") > 1)
        throw UserError("only one input can be read from stdin (-)");
}

// A mapping is for a CSV file: --map without --certs or --activities, or --certs-map without
// --certs, would be ignored.
void check_maps(const Globals& g) {
    if (!g.certs_map.empty() && g.certs.empty())
        throw UserError("--certs-map maps the --certs file, and no --certs is given",
                        "give --certs FILE, or --map MAP for the --activities file");
    if (!g.map.empty() && g.certs.empty() && g.activities.empty())
        throw UserError("--map maps CSV inputs, and no --certs or --activities is given",
                        "give --certs FILE or --activities FILE, or bring the file into the ledger "
                        "with `recert import FILE --map MAP`");
}

// Each --holder given, as the inputs spell it: exactly, else ignoring case; a name that matches
// no holder is an error naming the close ones (or all of them, when few).
void resolve_holders(const Globals& g, const Inputs& in) {
    std::vector<std::string_view> known;
    for (const auto& c : in.ledger.certifications) known.push_back(c.holder);
    for (const auto& a : in.ledger.activities) known.push_back(a.holder);
    const NameTable& names = in.activities.holders();
    for (std::uint32_t h = 0; h < names.size(); ++h) known.push_back(names[h]);
    std::sort(known.begin(), known.end());
    known.erase(std::unique(known.begin(), known.end()), known.end());
    for (std::string& given : g.holders) {
        if (std::binary_search(known.begin(), known.end(), given)) continue;
        const std::string low = lower(given);
        std::vector<std::string_view> same_but_case, close;
        for (std::string_view k : known) {
            if (lower(k) == low)
                same_but_case.push_back(k);
            else if (is_close(given, k))
                close.push_back(k);
        }
        if (same_but_case.size() == 1) {
            given = std::string(same_but_case.front());
            continue;
        }
        std::string hint;
        const auto& list = !same_but_case.empty() ? same_but_case : close;
        if (!list.empty()) {
            hint = "did you mean ";
            for (std::size_t i = 0; i < list.size(); ++i)
                hint += (i == 0                 ? "\""
                         : i + 1 == list.size() ? "\" or \""
                                                : "\", \"") +
                        std::string(list[i]);
            hint += "\"?";
        } else if (known.size() <= 10) {
            hint = "the holders are ";
            for (std::size_t i = 0; i < known.size(); ++i)
                hint += (i == 0 ? "\"" : "\", \"") + std::string(known[i]);
            hint += known.empty() ? "none" : "\"";
        } else {
            hint = "`recert status` lists the " + std::to_string(known.size()) + " holders";
        }
        throw UserError("--holder: no holder named \"" + given + "\"", hint);
    }
}

} // namespace

Inputs load_inputs(const Globals& g, const Rules& rules, ActivityUse use) {
    // Large blocks (record tables, holder tables as they grow) are mapped and unmapped on their
    // own: glibc would otherwise raise this threshold after the first free and keep the freed
    // space of each thread's arena, which costs a team report a tenth of its peak memory.
    ::mallopt(M_MMAP_THRESHOLD, 1 << 20);
    const bool csv = !g.certs.empty() || !g.activities.empty();
    check_maps(g);
    if (csv) check_one_stdin(g);
    Inputs in;
    Ledger& l = in.ledger;
    // a team report must not pick up someone's personal ledger from the environment
    if (!csv || !g.ledger.empty()) l = load_ledger_in_force(g, rules);
    if (use == ActivityUse::Evaluate) {
        in.activities = ActivityTable::from_ledger(l, rules);
        l.activities = {};
    }
    if (csv) {
        CsvInput read;
        if (use == ActivityUse::Evaluate) read.table = &in.activities;
        read_csv_inputs(g, rules, l.holder, read);
        append_moved(l.certifications, read.certifications);
        append_moved(l.activities, read.activities);
    }
    // repeated records, the same way for every command
    drop_repeated_certifications(l.certifications);
    if (use == ActivityUse::Evaluate) {
        if (csv) in.activities.mark_repeats(); // (from_ledger marked the ledger's own)
    } else {
        in.activities = ActivityTable::from_ledger(l, rules);
        std::size_t kept = 0;
        for (std::size_t i = 0; i < l.activities.size(); ++i)
            if (!in.activities.repeat(i)) {
                if (kept != i) l.activities[kept] = std::move(l.activities[i]);
                ++kept;
            }
        if (kept != l.activities.size()) {
            // the records listed are the table's, in order: without the repeats, once more
            l.activities.resize(kept);
            in.activities = ActivityTable::from_ledger(l, rules);
        }
    }
    if (csv) ::malloc_trim(0); // what reading freed goes back to the system before evaluation
    if (!g.holders.empty()) resolve_holders(g, in);
    return in;
}

namespace {
// The program in force when neither --rules nor --program names one.
constexpr std::string_view kDefaultProgram = "cisco";

Rules load_program(const std::string& name) {
    if (auto compiled = compiled_program(lower(name))) return std::move(*compiled);
    auto res = load_builtin_rules(name);
    if (!res.errors.empty()) throw UserError(res.errors);
    if (!res.value) {
        std::string known;
        for (const auto& n : builtin_program_names()) known += (known.empty() ? "" : ", ") + n;
        throw UserError("unknown program \"" + name + "\"", "built-in programs: " + known);
    }
    return std::move(*res.value);
}

// The programs a ledger's records name ("program" of certifications and activities). The ledger
// is read again when it is loaded; here a ledger that cannot be read or parsed names nothing
// (its problems are reported by the load). nullopt: the ledger is stdin, which cannot be read
// twice.
std::optional<std::vector<std::string>> programs_named(const Globals& g) {
    std::vector<std::string> names;
    std::string path;
    try {
        path = ledger_path(g);
    } catch (const UserError&) {
        return names;
    }
    if (path == "-") return std::nullopt;
    ReadResult r = read_file(path);
    if (!r.text || r.text->find("\"program\"") == std::string::npos) return names;
    const auto doc = nlohmann::json::parse(*r.text, nullptr, false);
    if (!doc.is_object()) return names;
    for (const char* section : {"certifications", "activities"}) {
        auto it = doc.find(section);
        if (it == doc.end() || !it->is_array()) continue;
        for (const auto& record : *it)
            if (record.is_object())
                if (auto p = record.find("program"); p != record.end() && p->is_string())
                    names.push_back(lower(p->get<std::string>()));
    }
    return names;
}
} // namespace

namespace {
Rules rules_in_force(const Globals& g, MorePrograms more) {
    Rules rules;
    if (!g.rules_file.empty()) {
        ReadResult r = read_file(g.rules_file);
        if (!r.text) throw UserError(r.error);
        auto res = load_rules(*r.text, g.rules_file);
        if (!res.ok()) throw UserError(res.errors);
        rules = std::move(*res.value);
    } else {
        rules = load_program(g.program.empty() ? std::string(kDefaultProgram) : g.program);
    }
    if (more == MorePrograms::None) return rules;
    // every built-in program for inputs that may hold records of any (CSV, import, add, stdin)
    std::optional<std::vector<std::string>> named;
    if (more == MorePrograms::Named && g.certs.empty() && g.activities.empty())
        named = programs_named(g);
    const bool all = !named;
    for (const auto& name : all ? builtin_program_names() : *named) {
        // a name that is no built-in program is reported where the record names it
        if (rules.program_index(name) != Rules::kAny || !builtin_program_text(name)) continue;
        const Diagnostics problems = merge_programs(rules, load_program(name));
        // a program loaded only in case records need it is left out when it cannot be merged
        // (a --rules file may define the same certification ids); one that is named must merge
        if (!problems.empty() && !all) throw UserError(problems);
    }
    return rules;
}
} // namespace

const Rules& load_rules_in_force(const Globals& g, MorePrograms more) {
    static Rules* kept = nullptr; // reachable to the end, so no leak is reported either
    Rules loaded = rules_in_force(g, more);
    delete kept;
    kept = new Rules(std::move(loaded));
    return *kept;
}

std::string ledger_path(const Globals& g) {
    if (!g.ledger.empty()) return g.ledger;
    if (const char* env = std::getenv("RECERT_LEDGER"); env && *env) return env;
    if (!g.config_ledger.empty()) return g.config_ledger;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return std::string(xdg) + "/recert/ledger.json";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::string(home) + "/.local/share/recert/ledger.json";
    throw UserError("cannot find the ledger: HOME is not set",
                    "give --ledger FILE or set RECERT_LEDGER");
}

std::pair<std::string, std::string> read_ledger_text(const Globals& g) {
    const std::string path = ledger_path(g);
    if (path == "-") {
        std::string text((std::istreambuf_iterator<char>(std::cin)),
                         std::istreambuf_iterator<char>());
        return {text, "<stdin>"};
    }
    if (::access(path.c_str(), F_OK) != 0)
        throw UserError(path + ": no ledger here",
                        "create one with `recert init`, or give --ledger FILE");
    ReadResult r = read_file(path);
    if (!r.text) throw UserError(r.error);
    return {std::move(*r.text), path};
}

Ledger load_ledger_in_force(const Globals& g, const Rules& rules) {
    auto [text, name] = read_ledger_text(g);
    auto res = load_ledger(text, name, rules);
    if (!res.ok()) throw UserError(res.errors);
    return std::move(*res.value);
}

Date parse_date_option(const std::string& value, const std::string& option) {
    auto d = parse_iso_date(value);
    if (!d)
        throw UserError(option + ": invalid date \"" + value +
                        "\": expected a real calendar date YYYY-MM-DD");
    return *d;
}

Date as_of_date(const Globals& g) {
    if (!g.as_of.empty()) return parse_date_option(g.as_of, "--as-of");
    // the local calendar date, TZ honoured: the only place that reads the clock
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    auto d = make_date(tm.tm_year + 1900, static_cast<unsigned>(tm.tm_mon + 1),
                       static_cast<unsigned>(tm.tm_mday));
    if (!d) throw UserError("the system clock gives an impossible date");
    return *d;
}

void require_format(const Globals& g, const std::string& command,
                    std::initializer_list<const char*> formats) {
    std::string list;
    for (const char* f : formats) {
        if (g.format == f) return;
        list += (list.empty() ? "" : ", ") + std::string(f);
    }
    throw UserError(command + " has no " + g.format + " output",
                    "formats for " + command + ": " + list);
}

EvalOptions eval_options(Date as_of, bool explain) {
    EvalOptions o{as_of, explain, 0};
    if (const char* t = std::getenv("RECERT_THREADS"); t && *t) {
        char* end = nullptr;
        const unsigned long n = std::strtoul(t, &end, 10);
        if (*end != '\0' || n > 64)
            throw UserError("RECERT_THREADS=" + std::string(t) +
                            ": expected a number of threads from 0 to 64");
        o.threads = static_cast<unsigned>(n);
    }
    return o;
}

namespace {

bool term_is_dumb() {
    const char* term = std::getenv("TERM");
    return term && std::string(term) == "dumb";
}

// The locale's character set is UTF-8: the first of LC_ALL, LC_CTYPE and LANG that is set and
// not empty names it (as "UTF-8" or "utf8", in any case). None set means the C locale: ASCII.
bool utf8_locale() {
    for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
        const char* v = std::getenv(name);
        if (!v || !*v) continue;
        const std::string l = lower(v);
        return l.find("utf-8") != std::string::npos || l.find("utf8") != std::string::npos;
    }
    return false;
}

// The terminal's width when standard output is one, else $COLUMNS when it is a positive whole
// number (set on purpose, so it applies to pipes and files too), else 0: no limit.
std::size_t output_width() {
    winsize ws{};
    if (::isatty(STDOUT_FILENO) && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    const char* columns = std::getenv("COLUMNS");
    if (!columns || !*columns || std::strlen(columns) > 5 ||
        std::string_view(columns).find_first_not_of("0123456789") != std::string_view::npos)
        return 0;
    return static_cast<std::size_t>(std::strtoul(columns, nullptr, 10));
}

} // namespace

bool color_enabled(const Globals& g) {
    if (g.color == "always") return true;
    if (g.color == "never") return false;
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color && *no_color) return false;
    if (term_is_dumb()) return false;
    return ::isatty(STDOUT_FILENO) != 0;
}

TextStyle text_style(const Globals& g) {
    TextStyle s;
    s.color = color_enabled(g);
    s.ascii = term_is_dumb() || !utf8_locale();
    s.width = output_width();
    return s;
}

const Certification& resolve_certification(const Rules& rules, const std::string& name) {
    const Certification* c = rules.find_certification(name);
    if (c) return *c;
    throw UserError("unknown certification \"" + shown(name) + "\"",
                    certification_hint(rules, name));
}

std::vector<const CertReport*> reports_of(const Globals& g, const Rules& rules,
                                          const Report& report, const Certification& cert) {
    const std::size_t index = static_cast<std::size_t>(&cert - rules.certifications.data());
    std::vector<const CertReport*> found;
    for (const auto& r : report.certifications)
        if (r.cert == index) found.push_back(&r);
    if (found.empty())
        throw UserError(cert.name + " is not in the ledger" +
                            (g.holders.empty() ? "" : " for the holders named"),
                        "record it with `recert add cert " + cert.id + " --earned DATE`");
    return found;
}

void filter_holders(const Globals& g, Report& report) {
    filter_holders(g, report.certifications);
}

void filter_holders(const Globals& g, std::vector<CertReport>& v) {
    if (g.holders.empty()) return;
    v.erase(std::remove_if(v.begin(), v.end(),
                           [&](const CertReport& r) {
                               return std::find(g.holders.begin(), g.holders.end(), r.holder) ==
                                      g.holders.end();
                           }),
            v.end());
}

std::string single_holder(const Globals& g, const std::string& fallback) {
    if (g.holders.size() > 1)
        throw UserError("--holder given more than once; this command takes one holder");
    return g.holders.empty() ? fallback : g.holders.front();
}

std::string describe_activity(const Rules& rules, const Activity& a) {
    std::string s;
    if (a.kind == ActivityKind::CE)
        s = format_credits(a.credits) + " " + rules.policy_named(a.program).program.unit + ", " +
            format_date(a.date) + ", " + std::string(to_string(a.status));
    else
        s = "exam " + a.exam + " (" + a.exam_kind + "), " + format_date(a.date);
    if (!a.title.empty()) s += " \"" + a.title + "\"";
    return s;
}

} // namespace recert::cli
