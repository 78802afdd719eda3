// The configuration file: defaults for the options people repeat, read with CLI11's TOML config
// parser, and `recert config`, which prints the file in force. Precedence, highest first: the
// command line, the environment ($RECERT_LEDGER), the configuration file, the built-in default.
#include "context.hpp"

#include "model/store.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>
#include <unistd.h>

namespace recert::cli {

namespace {

// What a key's value is: how it is checked, resolved and printed.
enum class ConfigValue { Path, Program, Word, Days };

struct ConfigKey {
    std::string_view section; // "" for the top level
    std::string_view name;
    std::string_view option; // the option it gives a default to
    ConfigValue kind;
};

// The keys a configuration file may set; `colour` is `color` spelt the British way.
constexpr ConfigKey kConfigKeys[] = {
    {"", "ledger", "--ledger", ConfigValue::Path},
    {"", "program", "--program", ConfigValue::Program},
    {"", "color", "--color", ConfigValue::Word},
    {"", "colour", "--color", ConfigValue::Word},
    {"check", "within", "--within", ConfigValue::Days},
    {"check", "expired-within", "--expired-within", ConfigValue::Days},
    {"plan", "catalog", "--catalog", ConfigValue::Path},
    {"plan", "currency", "--currency", ConfigValue::Word},
};

// One setting of the file in force.
struct ConfigSetting {
    const ConfigKey* key = nullptr;
    std::string value; // as recert uses it: a path is resolved against the file's folder
    int line = 0;
    std::string overridden_by; // what wins over it ("--color", "$RECERT_LEDGER"); "" if none
};

struct ConfigInForce {
    std::string path;                    // the file read; "" when there is none
    std::string default_path;            // where the default file is looked for; "" without HOME
    std::vector<ConfigSetting> settings; // in the order of kConfigKeys
};

// $XDG_CONFIG_HOME/recert/config.toml, else ~/.config/recert/config.toml; "" without either.
std::string default_config_path() {
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
        return std::string(xdg) + "/recert/config.toml";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::string(home) + "/.config/recert/config.toml";
    return "";
}

// `[check] within` as the file would say it.
std::string config_key_shown(const ConfigKey& k) {
    return "\"" + std::string(k.name) + "\"" +
           (k.section.empty() ? "" : " in [" + std::string(k.section) + "]");
}

// Every key, for a hint: "ledger, program, color (or colour); [check] within, ...".
std::string config_keys_list() {
    std::string out;
    std::string_view section = "";
    for (const ConfigKey& k : kConfigKeys) {
        if (k.name == "colour") {
            out += " (or colour)";
            continue;
        }
        if (k.section != section) {
            out += "; [" + std::string(k.section) + "] ";
            section = k.section;
        } else if (!out.empty()) {
            out += ", ";
        }
        out += k.name;
    }
    return out;
}

// The hint for a key that is none of kConfigKeys: where it belongs when another section has it,
// else the close one (two edits at most), else the list.
std::string unknown_key_hint(std::string_view section, std::string_view name) {
    for (const ConfigKey& k : kConfigKeys)
        if (k.name == name)
            return "\"" + std::string(name) + "\" belongs " +
                   (k.section.empty() ? std::string("at the top, before any [section]")
                                      : "in the [" + std::string(k.section) + "] section");
    const std::string typed =
        lower(section.empty() ? std::string(name) : std::string(section) + "." + std::string(name));
    auto dotted = [](const ConfigKey& k) {
        return k.section.empty() ? std::string(k.name)
                                 : std::string(k.section) + "." + std::string(k.name);
    };
    ClosestName close(typed);
    for (const ConfigKey& k : kConfigKeys) close.offer(dotted(k));
    for (const ConfigKey& k : kConfigKeys)
        if (!close.best().empty() && dotted(k) == close.best())
            return "did you mean " + config_key_shown(k) + "?";
    return "the keys are " + config_keys_list();
}

// A path from the file: `~/` is the home folder, a relative path is relative to the file's folder.
std::string resolve_config_path(const std::string& value, const std::string& file) {
    namespace fs = std::filesystem;
    fs::path p = value;
    const char* home = std::getenv("HOME");
    if (value.rfind("~/", 0) == 0 && home && *home)
        p = fs::path(home) / value.substr(2);
    else if (p.is_relative())
        p = fs::path(file).parent_path() / p;
    return p.lexically_normal().string();
}

// The option a key gives a default to.
CLI::Option* config_option(CLI::App& app, const ConfigKey& k) {
    CLI::App* owner = k.section.empty() ? &app : app.get_subcommand(std::string(k.section));
    return owner->get_option(std::string(k.option));
}

// What is wrong with a value (and a hint), or {"", ""}: the option's own checks, and the
// built-in program names.
std::pair<std::string, std::string> config_value_problem(CLI::Option& opt, const ConfigKey& k,
                                                         const std::string& value) {
    if (value.empty()) return {"expected a value", ""};
    if (k.kind == ConfigValue::Path && value == "-")
        return {"expected a file", "- (stdin) is for the command line"};
    if (k.kind == ConfigValue::Program) {
        const std::vector<std::string> names = builtin_program_names();
        const std::string typed = lower(value);
        if (std::find(names.begin(), names.end(), typed) == names.end()) {
            std::string list;
            ClosestName close(typed);
            for (const auto& n : names) {
                list += (list.empty() ? "" : ", ") + n;
                close.offer(n);
            }
            return {"unknown program \"" + shown(value) + "\"",
                    close.best().empty() ? "built-in programs: " + list
                                         : "did you mean \"" + close.best() + "\"?"};
        }
    }
    for (int i = 0;; ++i) {
        CLI::Validator* check = nullptr;
        try {
            check = opt.get_validator(i);
        } catch (const CLI::OptionNotFound&) {
            return {"", ""};
        }
        if (std::string problem = (*check)(value); !problem.empty()) return {problem, ""};
    }
}

// What wins over a setting of this key: an option given on the command line (or one that
// excludes it, such as --all), $RECERT_LEDGER for the ledger, --rules for the program; "".
std::string config_overridden_by(const Globals& g, CLI::Option& opt, const ConfigKey& k) {
    if (opt.count() > 0) return opt.get_name();
    for (const CLI::Option* other : opt.get_excludes())
        if (other->count() > 0) return other->get_name();
    if (k.option == "--ledger")
        if (const char* env = std::getenv("RECERT_LEDGER"); env && *env) return "$RECERT_LEDGER";
    if (k.option == "--program" && !g.rules_file.empty()) return "--rules";
    return "";
}

// A value written as a TOML string, "..." (escapes \\, \" and \t) or '...' (as it is), then
// nothing but a comment: {the string, ""}, else {"", the problem}.
std::pair<std::string, std::string> config_string(const std::string& rest) {
    const char quote = rest.front();
    std::string value;
    std::size_t i = 1;
    for (; i < rest.size() && rest[i] != quote; ++i) {
        if (quote == '"' && rest[i] == '\\') {
            const char next = i + 1 < rest.size() ? rest[i + 1] : '\0';
            if (next != '\\' && next != '"' && next != 't')
                return {"", "expected \\\\, \\\" or \\t after a backslash in a \"...\" string (or "
                            "write it in '...', where a backslash is itself)"};
            value += next == 't' ? '\t' : next;
            ++i;
        } else {
            value += rest[i];
        }
    }
    if (i >= rest.size()) return {"", "the string has no closing quote " + std::string(1, quote)};
    const std::size_t more = rest.find_first_not_of(" \t", i + 1);
    if (more != std::string::npos && rest[more] != '#')
        return {"", "expected a comment (#) or the end of the line after the string, found \"" +
                        shown(rest.substr(more)) + "\""};
    return {value, ""};
}

// Reads the file's settings and checks them: every line a comment, a [section] or a
// `key = value` (a string in quotes read here, since CLI11 would end it at a # and keep its
// escapes; a bare value as CLI11's TOML parser reads it), each key known and given once, each
// value good for its option. Throws UserError with every problem, at its line and column.
std::vector<ConfigSetting> read_config(CLI::App& app, const std::string& text,
                                       const std::string& file) {
    std::vector<ConfigSetting> settings;
    Diagnostics problems;
    std::string section;
    bool bad_section = false;
    // a byte order mark is no part of the first key
    std::istringstream lines(text.rfind("\xEF\xBB\xBF", 0) == 0 ? text.substr(3) : text);
    int number = 0;
    for (std::string line; std::getline(lines, line);) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const std::size_t start = line.find_first_not_of(" \t");
        if (start == std::string::npos || line[start] == '#') continue;
        auto problem = [&](std::size_t at, std::string message, std::string hint = "") {
            problems.push_back(Diagnostic{file, number, static_cast<int>(at) + 1, "",
                                          std::move(message), std::move(hint)});
        };
        if (line[start] == '[') {
            std::string header = line.substr(0, line.find('#'));
            header.erase(header.find_last_not_of(" \t") + 1);
            std::string name = header.back() == ']' ? header.substr(start + 1) : "";
            if (!name.empty()) name.pop_back();
            name.erase(0, name.find_first_not_of(" \t"));
            name.erase(name.find_last_not_of(" \t") + 1);
            bad_section =
                name.empty() || name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") !=
                                    std::string::npos;
            if (bad_section)
                problem(start, "expected a section name in brackets, such as [check], found \"" +
                                   shown(line.substr(start)) + "\"");
            // [default] is the top level again, as in CLI11's files (TOML has no other way back)
            section = lower(name) == "default" ? "" : name;
            continue;
        }
        if (bad_section) continue; // its keys would be reported against a section it does not name
        const std::size_t equals = line.find('=');
        std::string name =
            line.substr(start, equals == std::string::npos ? std::string::npos : equals - start);
        name.erase(name.find_last_not_of(" \t") + 1);
        if (name.size() >= 2 && (name.front() == '"' || name.front() == '\'') &&
            name.back() == name.front())
            name = name.substr(1, name.size() - 2);
        if (equals == std::string::npos) {
            problem(start, "expected \"key = value\", found \"" + shown(line.substr(start)) + "\"");
            continue;
        }
        // a dotted key (check.within) is the key in that section, as in TOML
        std::string key_section = section;
        if (const std::size_t dot = name.rfind('.'); dot != std::string::npos) {
            key_section = (section.empty() ? "" : section + ".") + name.substr(0, dot);
            name.erase(0, dot + 1);
        }
        const ConfigKey* key = nullptr;
        for (const ConfigKey& k : kConfigKeys)
            if (k.section == key_section && k.name == name) key = &k;
        if (!key) {
            problem(start,
                    "unknown key \"" + shown(name) + "\"" +
                        (key_section.empty() ? "" : " in [" + shown(key_section) + "]"),
                    unknown_key_hint(key_section, name));
            continue;
        }
        const std::size_t value_at = line.find_first_not_of(" \t", equals + 1);
        const std::size_t at = value_at == std::string::npos ? line.size() : value_at;
        const std::string rest = line.substr(at);
        std::string value;
        if (!rest.empty() && (rest.front() == '"' || rest.front() == '\'')) {
            auto [string, why] = config_string(rest);
            if (!why.empty()) {
                problem(at, std::string(key->name) + ": " + why);
                continue;
            }
            value = std::move(string);
        } else {
            // a bare value as CLI11's TOML parser reads it (a comment dropped, a list split)
            std::istringstream one("value = " + rest);
            const std::vector<CLI::ConfigItem> items = app.get_config_formatter()->from_config(one);
            if (items.size() != 1 || items.front().inputs.size() != 1) {
                std::string bare = rest.substr(0, rest.find('#'));
                bare.erase(bare.find_last_not_of(" \t") + 1);
                problem(at,
                        std::string(key->name) + ": expected one value, found \"" + shown(bare) +
                            "\"",
                        bare.front() == '[' ? "" : "put a value with spaces in quotes");
                continue;
            }
            value = items.front().inputs.front();
        }
        bool repeated = false;
        for (const ConfigSetting& s : settings)
            if (s.key->option == key->option && s.key->section == key->section) {
                problem(start,
                        "\"" + std::string(key->name) + "\" is set again (line " +
                            std::to_string(s.line) + " sets \"" + std::string(s.key->name) + "\")",
                        "keep one of them");
                repeated = true;
            }
        if (repeated) continue;
        CLI::Option* opt = config_option(app, *key);
        if (auto [why, hint] = config_value_problem(*opt, *key, value); !why.empty()) {
            problem(at, std::string(key->name) + ": " + why, hint);
            continue;
        }
        if (key->kind == ConfigValue::Path) value = resolve_config_path(value, file);
        settings.push_back(ConfigSetting{key, std::move(value), number, ""});
    }
    if (!problems.empty()) throw UserError(problems);
    std::stable_sort(settings.begin(), settings.end(),
                     [](const ConfigSetting& a, const ConfigSetting& b) { return a.key < b.key; });
    return settings;
}

// Reads the file in force (--config, else the default one when it exists) and gives its
// settings to the options the command line left out.
void apply_config(CLI::App& app, Globals& g, ConfigInForce& in_force) {
    in_force.default_path = default_config_path();
    const std::string path = g.config.empty() ? in_force.default_path : g.config;
    if (g.config.empty() && (path.empty() || ::access(path.c_str(), F_OK) != 0)) return;
    ReadResult r = read_file(path);
    if (!r.text)
        throw UserError((g.config.empty() ? "" : "--config: ") + r.error,
                        g.config.empty() || in_force.default_path.empty()
                            ? ""
                            : "without --config, recert reads " + in_force.default_path +
                                  " when it exists");
    in_force.path = path;
    in_force.settings = read_config(app, *r.text, path);
    for (ConfigSetting& s : in_force.settings) {
        CLI::Option* opt = config_option(app, *s.key);
        s.overridden_by = config_overridden_by(g, *opt, *s.key);
        if (!s.overridden_by.empty()) continue;
        if (s.key->option == "--ledger") {
            g.config_ledger = s.value; // after $RECERT_LEDGER, and never for a team report
            continue;
        }
        opt->add_result(s.value);
        opt->run_callback();
    }
}

// A value as TOML writes it: a number bare, anything else a basic string.
std::string config_toml_value(const ConfigSetting& s) {
    if (s.key->kind == ConfigValue::Days) return s.value;
    std::string out = "\"";
    for (char c : s.value) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

} // namespace

void add_config_command(CLI::App& app, Globals& g) {
    auto in_force = std::make_shared<ConfigInForce>();
    // after the command line is parsed, before any command runs (`help` reads no file)
    app.parse_complete_callback([&app, &g, in_force] {
        if (!app.got_subcommand("help")) apply_config(app, g, *in_force);
    });
    auto* cmd = app.add_subcommand(
        "config", "print the configuration file in force and the settings it gives");
    cmd->callback([&g, in_force] {
        require_format(g, "config", {"text"});
        if (in_force->path.empty()) {
            std::cout << "# no configuration file";
            if (in_force->default_path.empty())
                std::cout << " (neither XDG_CONFIG_HOME nor HOME is set)\n";
            else
                std::cout << ": " << in_force->default_path << " does not exist\n";
            return;
        }
        // TOML again, paths resolved: itself a configuration file
        std::cout << "# " << in_force->path << '\n';
        std::string_view section = "";
        for (const ConfigSetting& s : in_force->settings) {
            if (s.key->section != section) {
                section = s.key->section;
                std::cout << "\n[" << section << "]\n";
            }
            std::cout << s.key->name << " = " << config_toml_value(s);
            if (!s.overridden_by.empty()) std::cout << "  # overridden by " << s.overridden_by;
            std::cout << '\n';
        }
    });
}

} // namespace recert::cli
