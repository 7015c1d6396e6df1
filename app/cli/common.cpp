#include "common.h"

#include <unistd.h>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>

namespace basislab::cli {
namespace {
std::atomic<bool> g_interrupted{false};
extern "C" void onInterrupt(int) {
    g_interrupted = true;
}
}  // namespace

const std::set<std::string>& computeOptionNames() {
    static const std::set<std::string> names{"device", "dtype", "threads"};
    return names;
}

ComputeOptions computeOptions(const Args& args) {
    ComputeOptions o;
    o.device = args.get("device", "cpu");
    o.dtype = args.get("dtype", "float32");
    o.threads = int(args.getInt("threads", 0));
    validate(o);
    configureThreads(o.threads);
    return o;
}

void installInterruptHandler() {
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
}

bool interrupted() {
    return g_interrupted;
}

ProgressFn stderrProgress(bool quiet) {
    const bool tty = ::isatty(2);
    auto last = std::make_shared<std::chrono::steady_clock::time_point>();
    return [tty, quiet, last](const Progress& p) {
        if (g_interrupted) return false;
        if (quiet) return true;
        const auto now = std::chrono::steady_clock::now();
        const bool finished = p.total > 0 && p.done >= p.total;
        if (!finished && now - *last < std::chrono::milliseconds(tty ? 200 : 5000)) return true;
        *last = now;
        std::fprintf(stderr, "%s[%s] %lld/%lld", tty ? "\r\033[K" : "", p.stage.c_str(), (long long)p.done,
                     (long long)p.total);
        if (p.layer >= 0) std::fprintf(stderr, "  layer %d/%d", p.layer + 1, p.layers);
        if (p.tokens_per_second > 0) std::fprintf(stderr, "  %.0f tok/s", p.tokens_per_second);
        if (p.eta_seconds >= 0) std::fprintf(stderr, "  ETA %.0fs", p.eta_seconds);
        if (!p.message.empty()) std::fprintf(stderr, "  %s", p.message.c_str());
        std::fputs(tty && !finished ? "" : "\n", stderr);
        std::fflush(stderr);
        return true;
    };
}

std::set<std::string> merge(std::set<std::string> a, const std::set<std::string>& b) {
    a.insert(b.begin(), b.end());
    return a;
}

}  // namespace basislab::cli
