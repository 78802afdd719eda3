// `recert import FILE... [--map FILE] [--dry-run]`: validate every row of every file, then merge
// the new records into the ledger under its lock, atomically. Nothing is written on any error.
#include "context.hpp"
#include "progress.hpp"

#include "input/csv_input.hpp"
#include "model/records.hpp"
#include "model/store.hpp"
#include "recert/render.hpp"

#include <iostream>
#include <unistd.h>

namespace recert::cli {

namespace {

using ojson = nlohmann::ordered_json;

struct ImportOptions {
    std::vector<std::string> files;
    std::string map;
    bool dry_run = false;
};

bool looks_like_json(int fd, std::string& head) {
    // peek at the first non-blank byte without losing it (kept in head)
    char c;
    while (::read(fd, &c, 1) == 1) {
        head += c;
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        if (head.size() <= 3 &&
            (static_cast<unsigned char>(c) == 0xEF || static_cast<unsigned char>(c) == 0xBB ||
             static_cast<unsigned char>(c) == 0xBF))
            continue; // a byte order mark
        return c == '{';
    }
    return false;
}

std::string read_rest(int fd, std::string text) {
    char buf[1 << 16];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) text.append(buf, static_cast<std::size_t>(n));
    return text;
}

std::string describe(const Rules& rules, const Activity& a) {
    std::string s = format_date(a.date) + "  " + a.holder + "  ";
    if (a.kind == ActivityKind::CE)
        s += format_credits(a.credits) + " " + rules.policy_named(a.program).program.unit + " (" +
             std::string(to_string(a.status)) + ")";
    else
        s += "exam " + a.exam + " (" + a.exam_kind + ")";
    if (!a.title.empty()) s += "  \"" + a.title + "\"";
    return s;
}

} // namespace

void add_import_command(CLI::App& app, Globals& g) {
    auto* cmd = app.add_subcommand(
        "import", "merge CSV files (or exported ledgers) into the ledger, skipping duplicates");
    auto o = std::make_shared<ImportOptions>();
    cmd->add_option("FILE", o->files, "CSV files to import; - reads stdin")->required();
    cmd->add_option("--map", o->map,
                    "an import mapping (recert-map/1) for a foreign export's columns and values");
    cmd->add_flag("--dry-run", o->dry_run,
                  "validate and show what would be imported; change nothing");
    cmd->callback([&g, o] {
        require_format(g, "import", {"text", "json"});
        const Rules& rules = load_rules_in_force(g, MorePrograms::All);
        std::optional<ImportMap> map;
        if (!o->map.empty()) {
            ReadResult mr = read_file(o->map);
            if (!mr.text) throw UserError(mr.error);
            auto res = load_map(*mr.text, o->map);
            if (!res.ok()) throw UserError(res.errors);
            map = std::move(*res.value);
        }
        if (std::count(o->files.begin(), o->files.end(), "-") > 1)
            throw UserError("stdin (-) can be imported only once");
        const std::string path = ledger_path(g);
        if (path == "-") throw UserError("import needs a ledger file, not stdin");
        read_ledger_text(g); // a missing ledger is reported plainly
        FileLock lock(path);
        if (!lock.error().empty()) throw UserError(lock.error());
        auto [text, name] = read_ledger_text(g);
        auto loaded = load_ledger(text, name, rules);
        if (!loaded.ok()) throw UserError(loaded.errors);
        const Ledger& ledger = *loaded.value;

        // read and validate every file before anything is written
        CsvInput in;
        for (const auto& file : o->files) {
            const std::string shown = file == "-" ? "<stdin>" : file;
            const int fd = open_input(file);
            std::string head;
            if (looks_like_json(fd, head)) {
                const std::string json = read_rest(fd, head);
                auto other = load_ledger(json, shown, rules);
                if (!other.ok())
                    in.errors.insert(in.errors.end(), other.errors.begin(), other.errors.end());
                else {
                    in.certifications.insert(in.certifications.end(),
                                             other.value->certifications.begin(),
                                             other.value->certifications.end());
                    in.activities.insert(in.activities.end(), other.value->activities.begin(),
                                         other.value->activities.end());
                }
            } else {
                // the bytes already peeked at go first, then the rest streams
                CsvReader reader(fd, map ? map->delimiter : ',', head);
                Progress bar("reading " + shown, file_size(fd), g.quiet);
                read_csv(reader, shown, rules, map ? &*map : nullptr, ledger.holder,
                         CsvContent::Mixed, in, [&](std::size_t done) { bar.update(done); });
                bar.finish();
            }
            if (fd != STDIN_FILENO) ::close(fd);
        }
        if (!in.errors.empty())
            throw UserError(in.errors,
                            std::to_string(in.errors.size()) +
                                (in.errors.size() == 1 ? " problem" : " problems") +
                                " in the input; nothing was imported and the ledger is unchanged");
        print_notes(g, in.notices);

        // merge: what the ledger has and repeats are skipped, by the rules every input follows
        // (drop_repeated_certifications, ActivityTable::mark_repeats). The ledger's records come
        // first and hold no repeats, so those kept after them are the new ones.
        Ledger merged{ledger.holder, ledger.certifications, ledger.activities};
        merged.certifications.insert(merged.certifications.end(), in.certifications.begin(),
                                     in.certifications.end());
        merged.activities.insert(merged.activities.end(), in.activities.begin(),
                                 in.activities.end());
        drop_repeated_certifications(merged.certifications);
        const ActivityTable repeats = ActivityTable::from_ledger(merged, rules);
        std::vector<const HeldCertification*> new_certs;
        std::vector<const Activity*> new_acts;
        for (std::size_t i = ledger.certifications.size(); i < merged.certifications.size(); ++i)
            new_certs.push_back(&merged.certifications[i]);
        for (std::size_t i = ledger.activities.size(); i < merged.activities.size(); ++i)
            if (!repeats.repeat(i)) new_acts.push_back(&merged.activities[i]);
        const std::size_t skipped =
            in.certifications.size() + in.activities.size() - new_certs.size() - new_acts.size();
        const std::size_t imported = new_certs.size() + new_acts.size();

        ojson doc = ojson::parse(text);
        ojson added_certs = ojson::array(), added_acts = ojson::array();
        for (const auto* h : new_certs)
            added_certs.push_back(certification_to_json(*h, rules, ledger.holder));
        for (const auto* a : new_acts)
            added_acts.push_back(activity_to_json(*a, ledger.holder, rules));
        if (!o->dry_run && imported > 0) {
            if (!doc.contains("certifications")) doc["certifications"] = ojson::array();
            if (!doc.contains("activities")) doc["activities"] = ojson::array();
            for (const auto& j : added_certs) doc["certifications"].push_back(j);
            for (const auto& j : added_acts) doc["activities"].push_back(j);
            const std::string out = doc.dump(2) + "\n";
            auto check = load_ledger(out, name, rules);
            if (!check.ok()) throw UserError(check.errors);
            const std::string err = write_file_atomic(path, out);
            if (!err.empty()) throw UserError(err);
        }

        if (g.format == "json") {
            ojson j;
            j["schema"] = "recert-import/1";
            j["dry_run"] = o->dry_run;
            j["imported"] = imported;
            j["skipped"] = skipped;
            j["certifications"] = added_certs;
            j["activities"] = added_acts;
            std::cout << j.dump(2) << '\n';
            return;
        }
        if (o->dry_run) {
            for (const auto* h : new_certs)
                std::cout << "would import  " << format_date(h->earned) << "  " << h->holder
                          << "  certification " << rules.certifications[h->cert].name << '\n';
            for (const auto* a : new_acts)
                std::cout << "would import  " << describe(rules, *a) << '\n';
            std::cout << "would import " << imported << ", skip " << skipped
                      << " duplicates (dry run: the ledger is unchanged)\n";
            return;
        }
        std::cout << "imported " << imported << ", skipped " << skipped << " duplicates\n";
    });
}

} // namespace recert::cli
