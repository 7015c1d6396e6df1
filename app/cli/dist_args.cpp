#include "dist_args.h"

#include "base/error.h"

namespace basislab::cli {

const std::set<std::string>& launchOptionNames() {
    static const std::set<std::string> names{"rank", "world-size", "master", "store-file", "dist-timeout"};
    return names;
}

dist::LaunchConfig launchFromArgs(const Args& args) {
    dist::LaunchOptions o;
    if (args.has("rank")) o.rank = args.requireInt("rank");
    if (args.has("world-size")) o.world_size = args.requireInt("world-size");
    if (args.has("master")) o.master = args.require("master");
    if (args.has("store-file")) o.store_file = args.require("store-file");
    if (args.has("dist-timeout")) o.timeout_seconds = args.requireDouble("dist-timeout");
    return dist::resolveLaunch(o);
}

DistRun::DistRun(const dist::LaunchConfig& launch) {
    if (launch.distributed()) group_ = dist::ProcessGroup::join(launch);
}

ProgressFn DistRun::progress(ProgressFn inner) {
    if (!group_) return inner;
    dist::ProcessGroup* g = group_.get();
    return [g, inner](const Progress& p) {
        std::string cause;
        if (g->othersFailed(cause)) throw dist::GroupError(cause);
        return inner ? inner(p) : true;
    };
}

void DistRun::agree(const std::vector<std::pair<std::string, std::string>>& inputs, const std::string& what) {
    if (!group_) return;
    std::string mine;
    for (const auto& [name, value] : inputs) mine += name + '\x1f' + value + '\x1e';
    const std::vector<std::string> all = group_->allGather(mine, "the comparison of the ranks' " + what);
    for (std::size_t r = 1; r < all.size(); ++r) {
        if (all[r] == all[0]) continue;
        auto fields = [](const std::string& text) {
            std::vector<std::pair<std::string, std::string>> out;
            for (std::size_t p = 0; p < text.size();) {
                const auto us = text.find('\x1f', p), rs = text.find('\x1e', p);
                if (us == std::string::npos || rs == std::string::npos || us > rs) break;
                out.emplace_back(text.substr(p, us - p), text.substr(us + 1, rs - us - 1));
                p = rs + 1;
            }
            return out;
        };
        const auto a = fields(all[0]), b = fields(all[r]);
        for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
            if (a[i] != b[i])
                throw Error("the ranks' " + what + " differ: rank " + std::to_string(r) + " has " + b[i].first + " " +
                            b[i].second + ", rank 0 has " + a[i].second +
                            " (every rank needs the same model, text and options at the same paths)");
        throw Error("the ranks' " + what + " differ between rank 0 and rank " + std::to_string(r));
    }
}

CalibrationShard DistRun::calibrationShard() {
    CalibrationShard s;
    if (!group_) return s;
    s.rank = group_->rank();
    s.world_size = group_->size();
    dist::ProcessGroup* g = group_.get();
    s.all_reduce = [g](std::vector<at::Tensor>& t, const std::string& what) { g->allReduceSum(t, what); };
    s.agree = [this](const std::vector<std::pair<std::string, std::string>>& inputs) {
        agree(inputs, "calibration inputs");
    };
    return s;
}

int DistRun::run(const std::function<int()>& body) {
    if (!group_) return body();
    const std::string me = "rank " + std::to_string(group_->rank()) + ": ";
    try {
        return body();
    } catch (const dist::GroupError& e) {
        throw dist::GroupError(me + e.what());  // caused by another rank: nothing to publish
    } catch (const Cancelled&) {
        group_->fail("cancelled (SIGINT or SIGTERM)");
        throw;
    } catch (const std::exception& e) {
        std::string what = e.what();
        if (const auto nl = what.find('\n'); nl != std::string::npos) what = what.substr(0, nl);
        group_->fail(what);
        throw Error(me + what);
    }
}

}  // namespace basislab::cli
