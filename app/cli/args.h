// The basislab-cli option parser: CLI11 underneath, `--name value`, `--name=value` and `--flag`.
// Unknown options and missing or malformed values are errors that name the option and the expected
// form; `--help` lists the command's options with the help text of option_help.h.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace basislab::cli {

/// Thrown by Args when the arguments ask for help; what() is the help text for stdout.
class HelpRequested : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Args {
public:
    /// `flags` take no value; `options` take one. Throws Error on anything else, HelpRequested on
    /// --help or -h.
    Args(const std::vector<std::string>& argv, const std::set<std::string>& flags,
         const std::set<std::string>& options);

    /// The command the options belong to (for --help and the per-command help texts), e.g.
    /// "compress", with its usage lines. Set once by main() before the command runs.
    static void setCommand(const std::string& name, const std::string& usage);

    bool flag(const std::string& name) const { return flags_.count(name) > 0; }
    bool has(const std::string& name) const { return values_.count(name) > 0; }
    std::optional<std::string> value(const std::string& name) const;
    std::string require(const std::string& name) const;
    std::string get(const std::string& name, const std::string& fallback) const;
    long long getInt(const std::string& name, long long fallback) const;
    long long requireInt(const std::string& name) const;
    double getDouble(const std::string& name, double fallback) const;
    double requireDouble(const std::string& name) const;

private:
    std::set<std::string> flags_;
    std::map<std::string, std::string> values_;
};

/// Parse a whole number / a finite number; on failure throws Error "<what> expects <expects>, got '<text>'"
/// (`expects` defaults to "an integer" / "a number").
long long parseInt(const std::string& text, const std::string& what, const std::string& expects = "");
double parseDouble(const std::string& text, const std::string& what, const std::string& expects = "");
std::vector<std::string> splitList(const std::string& text, char sep = ',');

}  // namespace basislab::cli
