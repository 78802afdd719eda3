// `recert import FILE... [--map FILE] [--dry-run] [--update]` (--map is the global option):
// validate every row of every file,
// then merge the new records into the ledger under its lock, atomically; with --update, records
// the ledger has whose claim moved on (compare_activity) are updated too. Nothing is written on
// any error.
#include "context.hpp"
#include "progress.hpp"

#include "input/csv_input.hpp"
#include "model/records.hpp"
#include "model/store.hpp"
#include "recert/render.hpp"

#include <cerrno>
#include <cstring>
#include <iostream>
#include <unistd.h>
#include <unordered_map>

namespace recert::cli {

namespace {

using ojson = nlohmann::ordered_json;

struct ImportOptions {
    std::vector<std::string> files;
    bool dry_run = false;
    bool update = false;
};

// An incoming activity that brings news of a ledger record (compare_activity).
struct LedgerUpdate {
    std::size_t index; // into the ledger's activities
    ActivityComparison comparison;
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

// "c-… (2024-10-04, Ana Silva, "ENARSI course")": which record, for messages.
std::string record_named(const Activity& a) {
    std::string s = a.id + " (" + format_date(a.date) + ", " + a.holder;
    if (a.kind == ActivityKind::Exam) s += ", exam " + a.exam;
    if (!a.title.empty()) s += ", \"" + shown(a.title) + "\"";
    return s + ")";
}

// "status pending → approved, credited none → 2025-03-02" (texts quoted: "title "A" → "B""), with
// the arrow of the text style
std::string changes_text(const std::vector<FieldChange>& changes, std::string_view arrow) {
    std::string s;
    for (const auto& c : changes) {
        const bool text = c.field == "title" || c.field == "holder" || c.field == "category" ||
                          c.field == "exam" || c.field == "program";
        auto value = [text](const std::string& v) {
            return v.empty() ? std::string("none") : text ? "\"" + shown(v) + "\"" : v;
        };
        s += (s.empty() ? "" : ", ") + c.field + " " + value(c.before) + " " + std::string(arrow) +
             " " + value(c.after);
    }
    return s;
}

ojson changes_json(const std::vector<FieldChange>& changes) {
    ojson j = ojson::object();
    for (const auto& c : changes)
        j[c.field] = {{"old", c.before.empty() ? ojson() : ojson(c.before)},
                      {"new", c.after.empty() ? ojson() : ojson(c.after)}};
    return j;
}

std::string records_counted(std::size_t n) {
    return std::to_string(n) + (n == 1 ? " record" : " records");
}

} // namespace

void add_import_command(CLI::App& app, Globals& g) {
    auto* cmd = app.add_subcommand(
        "import", "merge CSV files (or exported ledgers) into the ledger, skipping duplicates");
    auto o = std::make_shared<ImportOptions>();
    cmd->add_option("FILE", o->files, "CSV files to import; - reads stdin")->required();
    cmd->add_flag("--dry-run", o->dry_run,
                  "validate and show what would be imported; change nothing");
    cmd->add_flag("--update", o->update,
                  "apply news of records the ledger has: a claim's status, submitted or credited "
                  "date (without it, such records are an error)");
    cmd->callback([&g, o] {
        const std::string_view arrow = glyph(text_style(g), Glyph::Arrow);
        require_format(g, "import", {"text", "json"});
        const Rules& rules = load_rules_in_force(g, MorePrograms::All);
        if (!g.certs_map.empty())
            throw UserError("--certs-map maps the --certs file of a report; import reads its "
                            "files with --map");
        const std::optional<ImportMap> map = load_map_file(g.map);
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
        std::vector<std::pair<std::size_t, std::string>>
            ends; // activities read to the end of each file
        for (const auto& file : o->files) {
            const std::string shown = file == "-" ? "<stdin>" : file;
            const int fd = open_input(file);
            std::string head;
            if (looks_like_json(fd, head)) {
                std::string json = head;
                if (!read_rest(fd, json))
                    throw UserError(shown + ": cannot read: " + std::strerror(errno));
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
                Progress bar("reading " + shown, file_size(fd), g.quiet);
                read_csv_file(
                    file, fd, shown, rules, map ? &*map : nullptr, ledger.holder, CsvContent::Mixed,
                    in, [&](std::size_t done) { bar.update(done); }, 1, head);
                bar.finish();
            }
            if (fd != STDIN_FILENO) ::close(fd);
            ends.emplace_back(in.activities.size(), shown);
        }
        if (!in.errors.empty())
            throw UserError(in.errors,
                            std::to_string(in.errors.size()) +
                                (in.errors.size() == 1 ? " problem" : " problems") +
                                " in the input; nothing was imported and the ledger is unchanged");
        print_notes(g, in.notices);

        // merge: what the ledger has and repeats are skipped, by the rules every input follows
        // (drop_repeated_certifications, ActivityTable::mark_repeats). The ledger's records come
        // first and hold no repeats, so those kept after them are the new ones. A record the
        // ledger has is compared with it (compare_activity): the same, an update or a conflict;
        // the first one given of an id decides, as for any record given twice.
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
        std::unordered_map<std::string_view, std::size_t> ledger_ids;
        for (std::size_t j = 0; j < ledger.activities.size(); ++j)
            ledger_ids.emplace(ledger.activities[j].id, j);
        std::vector<bool> compared(ledger.activities.size());
        std::vector<LedgerUpdate> updates;
        Diagnostics conflicts, unasked;
        for (std::size_t i = ledger.activities.size(), f = 0; i < merged.activities.size(); ++i) {
            const Activity& a = merged.activities[i];
            if (!repeats.repeat(i)) {
                new_acts.push_back(&a);
                continue;
            }
            const auto at = ledger_ids.find(a.id);
            if (at == ledger_ids.end() || compared[at->second]) continue; // a repeat of the input
            compared[at->second] = true;
            while (ends[f].first <= i - ledger.activities.size()) ++f;
            const std::string& file = ends[f].second;
            ActivityComparison c = compare_activity(ledger.activities[at->second], a);
            if (c.match == RecordMatch::Conflict) {
                std::string message = record_named(a) + ": " + c.problem;
                if (!c.changes.empty()) message += " (" + changes_text(c.changes, arrow) + ")";
                conflicts.push_back(Diagnostic{file, 0, 0, "", message, ""});
            } else if (c.match == RecordMatch::Update) {
                if (!o->update)
                    unasked.push_back(Diagnostic{
                        file, 0, 0, "",
                        record_named(a) + " would be updated: " + changes_text(c.changes, arrow),
                        ""});
                updates.push_back(LedgerUpdate{at->second, std::move(c)});
            }
        }
        if (!conflicts.empty() || !unasked.empty()) {
            std::string summary;
            if (!conflicts.empty())
                summary =
                    records_counted(conflicts.size()) +
                    (conflicts.size() == 1 ? " conflicts with the ledger's record of the same id"
                                           : " conflict with the ledger's records of the same ids");
            if (!unasked.empty())
                summary += (summary.empty() ? "" : " and ") + records_counted(unasked.size()) +
                           " would update the ledger's (import with --update to apply " +
                           (unasked.size() == 1 ? "it)" : "them)");
            Diagnostics all = std::move(conflicts);
            all.insert(all.end(), unasked.begin(), unasked.end());
            throw UserError(std::move(all),
                            summary + "; nothing was imported and the ledger is unchanged");
        }
        const std::size_t imported = new_certs.size() + new_acts.size();
        const std::size_t updated = updates.size();
        const std::size_t skipped =
            in.certifications.size() + in.activities.size() - imported - updated;

        ojson doc = ojson::parse(text);
        ojson added_certs = ojson::array(), added_acts = ojson::array();
        for (const auto* h : new_certs)
            added_certs.push_back(certification_to_json(*h, rules, ledger.holder));
        for (const auto* a : new_acts)
            added_acts.push_back(activity_to_json(*a, ledger.holder, rules));
        if (!o->dry_run && imported + updated > 0) {
            for (const auto& u : updates) // (the ledger's records are its document's, in order)
                doc["activities"][u.index] =
                    activity_to_json(u.comparison.updated, ledger.holder, rules);
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
            j["updated"] = updated;
            j["skipped"] = skipped;
            j["certifications"] = added_certs;
            j["activities"] = added_acts;
            j["updates"] = ojson::array();
            for (const auto& u : updates)
                j["updates"].push_back({{"id", u.comparison.updated.id},
                                        {"changes", changes_json(u.comparison.changes)}});
            std::cout << j.dump(2) << '\n';
            return;
        }
        if (o->dry_run) {
            for (const auto* h : new_certs)
                std::cout << "would import  " << format_date(h->earned) << "  " << h->holder
                          << "  certification " << rules.certifications[h->cert].name << '\n';
            for (const auto* a : new_acts)
                std::cout << "would import  " << describe(rules, *a) << '\n';
            for (const auto& u : updates)
                std::cout << "would update  " << record_named(u.comparison.updated) << ": "
                          << changes_text(u.comparison.changes, arrow) << '\n';
            std::cout << "would import " << imported;
            if (o->update) std::cout << ", update " << updated;
            std::cout << ", skip " << skipped << " duplicates (dry run: the ledger is unchanged)\n";
            return;
        }
        for (const auto& u : updates)
            std::cout << "updated  " << record_named(u.comparison.updated) << ": "
                      << changes_text(u.comparison.changes, arrow) << '\n';
        std::cout << "imported " << imported;
        if (o->update) std::cout << ", updated " << updated;
        std::cout << ", skipped " << skipped << " duplicates\n";
    });
}

} // namespace recert::cli
