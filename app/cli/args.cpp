#include "args.h"

#include "option_help.h"

#include "base/error.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <memory>

namespace basislab::cli {
namespace {

struct Command {
    std::string name;
    std::string usage;
};

Command& currentCommand() {
    static Command c;
    return c;
}

/// CLI11's help without its own "Usage:" line: the command's usage lines (the description) come first.
class HelpFormatter : public CLI::Formatter {
public:
    std::string make_usage(const CLI::App*, std::string) const override { return ""; }
};

std::string expectsOf(const std::string& name) {
    return optionHelp(currentCommand().name, name).expects;
}

std::size_t editDistance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = up;
        }
    }
    return row[b.size()];
}

/// " (did you mean --ratio?)" when one known option is close to `name`, else "".
std::string suggestion(const std::string& name, const std::set<std::string>& flags,
                       const std::set<std::string>& options) {
    std::string best;
    std::size_t best_distance = 3;
    for (const auto* names : {&flags, &options})
        for (const std::string& known : *names)
            if (const std::size_t d = editDistance(name, known); d < best_distance) {
                best = known;
                best_distance = d;
            }
    return best.empty() ? "" : " (did you mean --" + best + "?)";
}

/// The error for what CLI11 left over: an unknown option, or a word where an option was expected.
[[noreturn]] void refuseExtra(const std::string& arg, const std::set<std::string>& flags,
                              const std::set<std::string>& options) {
    if (arg.rfind("--", 0) == 0 && arg.size() > 2) {
        const std::string name =
            arg.substr(2, arg.find('=') == std::string::npos ? std::string::npos : arg.find('=') - 2);
        const std::string& command = currentCommand().name;
        throw Error("unknown option --" + name + suggestion(name, flags, options) +
                    (command.empty() ? "" : "; see basislab-cli " + command + " --help"));
    }
    throw Error("unexpected argument '" + arg + "' (options are spelled --name VALUE or --name=VALUE)");
}

}  // namespace

void Args::setCommand(const std::string& name, const std::string& usage) {
    currentCommand() = {name, usage};
}

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& flags,
           const std::set<std::string>& options) {
    const Command& command = currentCommand();
    CLI::App app(command.usage, "basislab-cli" + (command.name.empty() ? "" : " " + command.name));
    app.option_defaults()->group("options");
    app.set_help_flag("-h,--help", "print this help and exit");
    app.allow_extras();
    auto formatter = std::make_shared<HelpFormatter>();
    formatter->column_width(32);
    app.formatter(formatter);
    std::map<std::string, CLI::Option*> flag_options, value_options;
    std::set<std::string> names(flags);  // --help lists them in alphabetical order
    names.insert(options.begin(), options.end());
    for (const std::string& name : names) {
        const OptionHelp help = optionHelp(command.name, name);
        if (flags.count(name))
            flag_options[name] = app.add_flag("--" + name)->description(help.help);
        else
            value_options[name] = app.add_option("--" + name)
                                      ->description(help.help)
                                      ->type_name(help.value)
                                      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    }

    std::vector<std::string> reversed(argv.rbegin(), argv.rend());  // CLI11 takes the arguments last first
    try {
        app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
        throw HelpRequested(app.help());
    } catch (const CLI::ArgumentMismatch& e) {
        // The only mismatch these options allow: an option at the end without its value.
        const std::string what = e.what();
        const std::string name = what.substr(0, what.find(':'));
        const std::string value = value_options.count(name.substr(std::min<std::size_t>(2, name.size())))
                                      ? " " + optionHelp(command.name, name.substr(2)).value
                                      : "";
        throw Error("option " + name + " needs a value (" + name + value + ")");
    } catch (const CLI::ParseError& e) {
        throw Error(e.what());
    }
    if (!app.remaining().empty()) refuseExtra(app.remaining().front(), flags, options);

    for (const auto& [name, option] : flag_options) {
        if (option->count() == 0) continue;
        for (const std::string& r : option->results())
            if (r != "true") throw Error("option --" + name + " takes no value, got '" + r + "'");
        flags_.insert(name);
    }
    for (const auto& [name, option] : value_options)
        if (option->count() > 0) values_[name] = option->results().back();
}

std::optional<std::string> Args::value(const std::string& name) const {
    const auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

std::string Args::require(const std::string& name) const {
    const auto v = value(name);
    if (!v) {
        const std::string form = optionHelp(currentCommand().name, name).value;
        throw Error("missing required option --" + name + (form.empty() ? "" : " " + form));
    }
    return *v;
}

std::string Args::get(const std::string& name, const std::string& fallback) const {
    return value(name).value_or(fallback);
}

long long Args::getInt(const std::string& name, long long fallback) const {
    const auto v = value(name);
    return v ? parseInt(*v, "--" + name, expectsOf(name)) : fallback;
}

long long Args::requireInt(const std::string& name) const {
    return parseInt(require(name), "--" + name, expectsOf(name));
}

double Args::getDouble(const std::string& name, double fallback) const {
    const auto v = value(name);
    return v ? parseDouble(*v, "--" + name, expectsOf(name)) : fallback;
}

double Args::requireDouble(const std::string& name) const {
    return parseDouble(require(name), "--" + name, expectsOf(name));
}

long long parseInt(const std::string& text, const std::string& what, const std::string& expects) {
    errno = 0;
    char* end = nullptr;
    const long long v = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || errno == ERANGE)
        throw Error(what + " expects " + (expects.empty() ? "an integer" : expects) + ", got '" + text + "'");
    return v;
}

double parseDouble(const std::string& text, const std::string& what, const std::string& expects) {
    errno = 0;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || errno == ERANGE || !std::isfinite(v))
        throw Error(what + " expects " + (expects.empty() ? "a number" : expects) + ", got '" + text + "'");
    return v;
}

std::vector<std::string> splitList(const std::string& text, char sep) {
    std::vector<std::string> out;
    std::string cur;
    for (char ch : text) {
        if (ch == sep) {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        } else if (ch != ' ') {
            cur += ch;
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

}  // namespace basislab::cli
