// The distributed launch of `calibrate` and `sweep`: --rank --world-size --master --store-file
// --dist-timeout, or the torchrun / Slurm environment (core/dist/launch.h), and the glue between
// a command and its process group: progress that stops when another rank failed, failures
// published to the others, and the refusal of mismatched inputs.
#pragma once

#include "args.h"
#include "base/progress.h"
#include "calib/calibration_shard.h"
#include "dist/process_group.h"

#include <functional>
#include <memory>
#include <set>
#include <string>

namespace basislab::cli {

/// --rank --world-size --master --store-file --dist-timeout
const std::set<std::string>& launchOptionNames();
/// The launch of this process (options first, then the environment). Throws Error naming the
/// option or variable at fault.
dist::LaunchConfig launchFromArgs(const Args& args);

/// A distributed run's group, or none for a single process.
class DistRun {
public:
    /// Joins the group when `launch` is distributed (GroupError naming the ranks that did not join).
    explicit DistRun(const dist::LaunchConfig& launch);
    bool distributed() const { return group_ != nullptr; }
    int rank() const { return group_ ? group_->rank() : 0; }
    int size() const { return group_ ? group_->size() : 1; }
    dist::ProcessGroup& group() { return *group_; }

    /// `inner`, which also stops the work (GroupError) as soon as another rank has failed.
    ProgressFn progress(ProgressFn inner);
    /// The calibrator's share: all-reduce through the group, agreement by all-gather.
    CalibrationShard calibrationShard();
    /// Fails when the ranks' `inputs` differ (every rank gets the same line naming the first
    /// difference); `what` says what they describe.
    void agree(const std::vector<std::pair<std::string, std::string>>& inputs, const std::string& what);

    /// Runs `body`; when it throws on this rank (its own error, a cancel), tells the other ranks
    /// why before the exception leaves; errors get "rank R: " in front in a distributed run.
    int run(const std::function<int()>& body);

private:
    std::unique_ptr<dist::ProcessGroup> group_;
};

}  // namespace basislab::cli
