// The process group of a distributed run: the ONE adapter over LibTorch's c10d (Gloo backend, a
// TCPStore or FileStore to meet). Nothing else includes a c10d header, because that API moved
// between LibTorch 1.13 and 2.x (ProcessGroupGloo became a Backend; see process_group.cpp).
//
// Collectives run in a fixed order on every rank. Every wait on another rank is bounded by the
// launch's timeout. When one fails, the error names the rank at fault and why, as far as the
// group can tell: a rank that published its own failure (an error, a cancel by SIGINT/SIGTERM)
// is named with its cause; a rank on this machine whose process is gone "died"; a rank that had
// not reached the step everyone else waits in "hangs"; a rank that never joined "did not join".
// Tensors on a CUDA device are reduced through host memory (Gloo on the CPU; no NCCL yet).
#pragma once

#include "../base/error.h"
#include "launch.h"

#include <ATen/ATen.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace basislab::dist {

/// A failure of the group, caused by another rank (or by the meeting place): what() is the one
/// line naming the rank and the cause. A front end reports it and exits non-zero.
class GroupError : public Error {
public:
    using Error::Error;
};

/// True when this BasisLab was built with c10d's Gloo backend (the Gloo headers were found).
bool available();

class ProcessGroup {
public:
    /// Joins the group of `launch` (a distributed one): meets at its store, waits at most the
    /// timeout for every rank. Throws GroupError naming the ranks that did not join.
    static std::unique_ptr<ProcessGroup> join(const LaunchConfig& launch);
    virtual ~ProcessGroup() = default;

    virtual int rank() const = 0;
    virtual int size() const = 0;
    const LaunchConfig& launch() const { return launch_; }

    /// Sums every tensor in place over all ranks (each tensor its own reduction, any device;
    /// float64 stays float64). `what` names the data for errors ("the Grams of layer 3").
    virtual void allReduceSum(std::vector<at::Tensor>& tensors, const std::string& what) = 0;
    /// Every rank's `value`, in rank order (through the store; for small texts).
    virtual std::vector<std::string> allGather(const std::string& value, const std::string& what) = 0;
    /// Publishes a value under `key` for gatherFrom (small texts), never blocking.
    virtual void publish(const std::string& key, const std::string& value) = 0;
    /// The value rank `from` published under `key`, waiting until it is there: throws GroupError
    /// when that rank fails first, or after `timeout_seconds` (0: the launch's timeout).
    virtual std::string awaitPublished(int from, const std::string& key, double timeout_seconds = 0) = 0;
    /// The value rank `from` published under `key` if it is there yet, without waiting.
    virtual std::optional<std::string> tryPublished(int from, const std::string& key) = 0;
    virtual void barrier(const std::string& what) = 0;

    /// Tells the others that this rank stops because of `cause` (its own error, a cancel).
    /// Never throws. The other ranks' next wait fails with "rank R stopped: <cause>".
    virtual void fail(const std::string& cause) noexcept = 0;
    /// Whether another rank has failed (checked at most twice a second; cheap to call often).
    /// Sets `cause` to the line naming it.
    virtual bool othersFailed(std::string& cause) = 0;

protected:
    explicit ProcessGroup(LaunchConfig launch) : launch_(std::move(launch)) {}
    LaunchConfig launch_;
};

}  // namespace basislab::dist
