#include "args.h"

#include "base/error.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace basislab::cli {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& flags,
           const std::set<std::string>& options) {
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a.rfind("--", 0) != 0) throw Error("unexpected argument '" + a + "'");
        std::string name = a.substr(2);
        std::optional<std::string> inline_value;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            inline_value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        if (flags.count(name)) {
            if (inline_value) throw Error("option --" + name + " takes no value");
            flags_.insert(name);
        } else if (options.count(name)) {
            if (inline_value) {
                values_[name] = *inline_value;
            } else {
                if (i + 1 >= argv.size()) throw Error("option --" + name + " needs a value");
                values_[name] = argv[++i];
            }
        } else {
            throw Error("unknown option --" + name);
        }
    }
}

std::optional<std::string> Args::value(const std::string& name) const {
    const auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

std::string Args::require(const std::string& name) const {
    const auto v = value(name);
    if (!v) throw Error("missing required option --" + name);
    return *v;
}

std::string Args::get(const std::string& name, const std::string& fallback) const {
    return value(name).value_or(fallback);
}

long long Args::getInt(const std::string& name, long long fallback) const {
    const auto v = value(name);
    return v ? parseInt(*v, "--" + name) : fallback;
}

long long Args::requireInt(const std::string& name) const {
    return parseInt(require(name), "--" + name);
}

double Args::getDouble(const std::string& name, double fallback) const {
    const auto v = value(name);
    return v ? parseDouble(*v, "--" + name) : fallback;
}

double Args::requireDouble(const std::string& name) const {
    return parseDouble(require(name), "--" + name);
}

long long parseInt(const std::string& text, const std::string& what) {
    errno = 0;
    char* end = nullptr;
    const long long v = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || errno == ERANGE) throw Error(what + ": '" + text + "' is not an integer");
    return v;
}

double parseDouble(const std::string& text, const std::string& what) {
    errno = 0;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || errno == ERANGE || !std::isfinite(v))
        throw Error(what + ": '" + text + "' is not a number");
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
