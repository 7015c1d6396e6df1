#include "launch.h"

#include "../base/error.h"

#include <cerrno>
#include <cstdlib>
#include <limits>
#include <tuple>

namespace basislab::dist {
namespace {

long long wholeNumber(const std::string& text, const std::string& what) {
    errno = 0;
    char* end = nullptr;
    const long long v = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || errno != 0 || end != text.c_str() + text.size())
        throw Error(what + " must be a whole number, got '" + text + "'");
    return v;
}

int port(const std::string& text, const std::string& what) {
    const long long p = wholeNumber(text, what);
    if (p < 1 || p > 65535) throw Error(what + " must be a port number 1..65535, got " + text);
    return int(p);
}

void checkPlace(const LaunchConfig& c, const std::string& what) {
    if (c.world_size < 1)
        throw Error(what + ": the world size must be at least 1, got " + std::to_string(c.world_size));
    if (c.rank < 0 || c.rank >= c.world_size)
        throw Error(what + ": rank " + std::to_string(c.rank) + " is outside 0.." + std::to_string(c.world_size - 1));
}

}  // namespace

std::string LaunchConfig::describe() const {
    if (!distributed()) return "a single process";
    return "rank " + std::to_string(rank) + " of " + std::to_string(world_size) + " (" + source + ")";
}

Environment processEnvironment() {
    return [](const std::string& name) -> std::optional<std::string> {
        const char* v = std::getenv(name.c_str());
        if (!v) return std::nullopt;
        return std::string(v);
    };
}

std::pair<std::string, int> parseHostPort(const std::string& text, const std::string& what) {
    std::string host;
    std::string rest;
    if (!text.empty() && text[0] == '[') {
        const auto close = text.find(']');
        if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':')
            throw Error(what + " must be HOST:PORT or [IPv6]:PORT, got '" + text + "'");
        host = text.substr(1, close - 1);
        rest = text.substr(close + 2);
    } else {
        const auto colon = text.rfind(':');
        if (colon == std::string::npos || text.find(':') != colon)
            throw Error(what + " must be HOST:PORT or [IPv6]:PORT, got '" + text + "'");
        host = text.substr(0, colon);
        rest = text.substr(colon + 1);
    }
    if (host.empty()) throw Error(what + " has no host: '" + text + "'");
    return {host, port(rest, what + "'s port")};
}

LaunchConfig resolveLaunch(const LaunchOptions& o, const Environment& env) {
    LaunchConfig c;
    if (o.timeout_seconds) {
        if (!(*o.timeout_seconds > 0) || *o.timeout_seconds > 7 * 24 * 3600.0)
            throw Error("--dist-timeout must be a positive number of seconds (at most a week), got " +
                        std::to_string(*o.timeout_seconds));
        c.timeout_seconds = *o.timeout_seconds;
    }
    auto var = [&](const std::string& name) { return env(name); };
    auto number = [&](const std::string& name) -> std::optional<long long> {
        const auto v = var(name);
        if (!v) return std::nullopt;
        return wholeNumber(*v, "environment variable " + name);
    };

    if (o.rank || o.world_size) {
        if (!o.rank || !o.world_size) throw Error("--rank and --world-size go together: give both or neither");
        if (*o.world_size > std::numeric_limits<int>::max() || *o.rank > std::numeric_limits<int>::max())
            throw Error("--rank/--world-size are out of range");
        c.rank = int(*o.rank);
        c.world_size = int(*o.world_size);
        c.local_rank = c.rank;
        c.source = "options";
        checkPlace(c, "--rank/--world-size");
    } else if (var("RANK") && var("WORLD_SIZE")) {
        c.rank = int(*number("RANK"));
        c.world_size = int(*number("WORLD_SIZE"));
        c.local_rank = int(number("LOCAL_RANK").value_or(-1));
        c.source = "torchrun environment";
        checkPlace(c, "RANK/WORLD_SIZE");
    } else if (var("SLURM_PROCID") && var("SLURM_NTASKS")) {
        c.rank = int(*number("SLURM_PROCID"));
        c.world_size = int(*number("SLURM_NTASKS"));
        c.local_rank = int(number("SLURM_LOCALID").value_or(-1));
        c.source = "Slurm environment";
        checkPlace(c, "SLURM_PROCID/SLURM_NTASKS");
    } else if (var("RANK") || var("WORLD_SIZE")) {
        throw Error("the environment has only one of RANK and WORLD_SIZE: a torchrun launch sets both");
    }
    if (!c.distributed()) {
        c.rank = 0;
        if (o.master || o.store_file)
            throw Error("--master and --store-file need a distributed launch (--rank/--world-size, torchrun or srun)");
        return c;
    }

    if (o.store_file && o.master) throw Error("--master and --store-file exclude each other: give one");
    if (o.store_file) {
        if (o.store_file->empty()) throw Error("--store-file is empty");
        c.store_file = *o.store_file;
        return c;
    }
    if (o.master) {
        std::tie(c.master_host, c.master_port) = parseHostPort(*o.master, "--master");
        return c;
    }
    const auto addr = var("MASTER_ADDR");
    const auto mport = var("MASTER_PORT");
    if (!addr || !mport || addr->empty())
        throw Error(c.describe() +
                    " needs a meeting place: MASTER_ADDR and MASTER_PORT in the environment, "
                    "--master HOST:PORT or --store-file PATH");
    c.master_host = *addr;
    c.master_port = port(*mport, "environment variable MASTER_PORT");
    return c;
}

std::string deviceForRank(const std::string& device, const LaunchConfig& launch) {
    if (device == "cuda" && launch.distributed() && launch.local_rank >= 0)
        return "cuda:" + std::to_string(launch.local_rank);
    return device;
}

}  // namespace basislab::dist
