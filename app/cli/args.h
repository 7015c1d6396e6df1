// A small command-line parser for basislab-cli: `--name value`, `--name=value` and `--flag`.
// Unknown options and missing values are errors that name the option.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace basislab::cli {

class Args {
public:
    /// `flags` take no value; `options` take one. Throws Error on anything else.
    Args(const std::vector<std::string>& argv, const std::set<std::string>& flags,
         const std::set<std::string>& options);

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

long long parseInt(const std::string& text, const std::string& what);
double parseDouble(const std::string& text, const std::string& what);
std::vector<std::string> splitList(const std::string& text, char sep = ',');

}  // namespace basislab::cli
