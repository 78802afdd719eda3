// recert: the command-line front end. Parses options, runs one command, maps errors to exit 2.
#include "context.hpp"
#include "terminal_output.hpp"

#include <csignal>
#include <iostream>

#ifndef RECERT_VERSION
#define RECERT_VERSION "0.0.0"
#endif

namespace {

// "did you mean `status`?" for a mistyped command (two edits at most), else where the list is.
std::string command_hint(const CLI::App& app, const std::string& typed) {
    recert::ClosestName closest(typed);
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
        closest.offer(sub->get_name());
    const std::string& best = closest.best();
    return best.empty() ? "run `recert help` for the list of commands"
                        : "did you mean `recert " + best + "`?";
}

} // namespace

int main(int argc, char** argv) {
    using namespace recert::cli;
    // under a file size limit (ulimit -f) a write fails with EFBIG and is reported, the ledger
    // unchanged, instead of SIGXFSZ killing the process in the middle of it
    std::signal(SIGXFSZ, SIG_IGN);
    // names and titles from other people's files must not drive the user's terminal
    guard_terminal_output();
    Globals g;
    CLI::App app{"recert: which certifications are at risk, how many credits are still needed, and "
                 "by when."};
    app.name("recert");
    app.set_version_flag("-V,--version", std::string("recert ") + RECERT_VERSION);
    app.fallthrough();
    app.require_subcommand(1);
    app.add_option("--ledger", g.ledger,
                   "the ledger file (default $RECERT_LEDGER, else the configuration file's, else "
                   "$XDG_DATA_HOME/recert/ledger.json); - reads stdin");
    app.add_option(
        "--certs", g.certs,
        "certifications from a CSV file (holder, certification, earned, expires); - reads stdin");
    app.add_option(
        "--activities", g.activities,
        "activities from a CSV file (date, kind, credits, exam, status, ...); - reads stdin");
    app.add_option("--map", g.map,
                   "an import mapping (recert-map/1) for CSV inputs from other systems: the "
                   "--certs and --activities files, and import's files");
    app.add_option("--certs-map", g.certs_map,
                   "an import mapping for the --certs file alone, instead of --map");
    app.add_option("--rules", g.rules_file,
                   "a rules file to apply instead of the built-in program");
    app.add_option("--program", g.program, "a built-in program (default: cisco)");
    app.add_option("--as-of", g.as_of, "evaluate as of this date (YYYY-MM-DD) instead of today");
    app.add_option("--format", g.format, "output format")
        ->check(CLI::IsMember({"text", "json", "csv", "ics", "md", "html"}));
    app.add_option("--holder", g.holders,
                   "only this holder (repeatable); for init and add: the holder");
    app.add_option("--color", g.color, "colour: auto (on a terminal), always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    app.add_flag("-q,--quiet", g.quiet, "print nothing but data and errors");
    app.add_option("--config", g.config,
                   "the configuration file (default $XDG_CONFIG_HOME/recert/config.toml)");

    add_status_command(app, g);
    add_explain_command(app, g);
    add_init_command(app, g);
    add_add_command(app, g);
    add_rules_command(app, g);
    add_check_command(app, g);
    add_plan_command(app, g);
    add_activities_command(app, g);
    add_import_command(app, g);
    add_export_command(app, g);
    add_claim_commands(app, g);
    add_rm_command(app, g);
    add_edit_command(app, g);
    add_config_command(app, g);
    add_report_command(app, g);

    // `recert help [COMMAND [SUBCOMMAND]]`: the same text as `recert COMMAND --help`
    auto* help = app.add_subcommand("help", "show help for recert or for one command");
    auto topic = std::make_shared<std::vector<std::string>>();
    help->add_option("COMMAND", *topic, "the command (and subcommand), e.g. `status` or `add ce`");
    help->callback([&app, topic] {
        const CLI::App* at = &app;
        std::string path = "recert";
        for (const auto& name : *topic) {
            const CLI::App* next = nullptr;
            for (const CLI::App* sub : at->get_subcommands([](const CLI::App*) { return true; }))
                if (sub->get_name() == name) next = sub;
            if (!next)
                throw UserError("no command \"" + name + "\"", "run `recert help` for the list");
            at = next;
            path += " " + name;
        }
        // the same text as `recert ... --help`, with the full command path in the usage line
        // (App::help would show the help command's own text, since `help` is the parsed command)
        std::cout << at->get_formatter()->make_help(at, path, CLI::AppFormatMode::Normal);
    });

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        if (app.get_subcommands().empty()) {
            // a word where the command goes that is no command: say so, and which one is close
            const std::vector<std::string> rest = app.remaining();
            if (!rest.empty() && !rest.front().empty() && rest.front()[0] != '-') {
                std::cerr << "recert: error: unknown command \"" << rest.front()
                          << "\"\n  hint: " << command_hint(app, rest.front()) << '\n';
                return 2;
            }
        }
        std::cerr << "recert: error: " << e.what() << "\n  hint: run `recert --help` for usage\n";
        return 2;
    } catch (const UserError& e) {
        print_errors(e);
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "recert: error: " << e.what() << '\n';
        return 2;
    }
    std::cout.flush();
    return g.exit_code;
}
