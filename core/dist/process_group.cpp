// The c10d adapter (process_group.h). The only file that includes c10d headers.
//
// LibTorch 1.13: ProcessGroupGloo derives from c10d::ProcessGroup; in 2.x it derives from
// c10d::Backend and the front-end ProcessGroup dispatches to it. Both keep the calls used here
// with these signatures: ProcessGroupGloo(store, rank, size, Options::create(timeout)),
// createDeviceForHostname / createDefaultDevice / createDeviceForInterface, allreduce(tensors)
// and barrier() returning a Work whose wait() throws on failure; TCPStore(host, TCPStoreOptions),
// FileStore(path, workers), Store::set/get/check/wait/setTimeout. Compiled here against 1.13.
#include "process_group.h"

#include "../base/torch_compat.h"

#include <unistd.h>
#include <chrono>
#include <csignal>
#include <fstream>
#include <thread>

#if BASISLAB_HAVE_GLOO
#include <torch/csrc/distributed/c10d/FileStore.hpp>
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#endif

namespace basislab::dist {

#if BASISLAB_HAVE_GLOO

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::string firstLine(const std::string& text) {
    const auto nl = text.find('\n');
    return nl == std::string::npos ? text : text.substr(0, nl);
}

std::string toText(const std::vector<std::uint8_t>& v) {
    return std::string(v.begin(), v.end());
}

std::vector<std::uint8_t> toBytes(const std::string& s) {
    return std::vector<std::uint8_t>(s.begin(), s.end());
}

std::string hostName() {
    char buf[256] = {};
    if (::gethostname(buf, sizeof buf - 1) != 0) return "?";
    return buf;
}

/// Whether process `pid` of this machine still runs (a zombie does not).
bool processAlive(long pid) {
    if (pid <= 0) return true;
    if (::kill(pid_t(pid), 0) != 0 && errno == ESRCH) return false;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line)) return false;
    const auto close = line.rfind(')');
    return !(close != std::string::npos && close + 2 < line.size() &&
             (line[close + 2] == 'Z' || line[close + 2] == 'X'));
}

bool isLoopback(const std::string& host) {
    return host == "localhost" || host.rfind("127.", 0) == 0 || host == "::1";
}

std::string seconds(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g s", s);
    return buf;
}

class GlooGroup final : public ProcessGroup {
public:
    explicit GlooGroup(const LaunchConfig& launch) : ProcessGroup(launch) {
        const milliseconds timeout(std::int64_t(launch.timeout_seconds * 1000));
        me_ = launch.rank;
        world_ = launch.world_size;
        const std::string where = launch.store_file.empty()
                                      ? launch.master_host + ":" + std::to_string(launch.master_port)
                                      : "the store file '" + launch.store_file + "'";
        where_ = where;
        try {
            if (!launch.store_file.empty()) {
                store_ = c10::make_intrusive<c10d::FileStore>(launch.store_file, world_);
                store_->setTimeout(timeout);
            } else {
                c10d::TCPStoreOptions o;
                o.port = std::uint16_t(launch.master_port);
                o.isServer = me_ == 0;
                o.numWorkers = std::size_t(world_);
                o.waitWorkers = false;
                o.timeout = timeout;
                store_ = c10::make_intrusive<c10d::TCPStore>(launch.master_host, o);
                tcp_ = true;
            }
        } catch (const std::exception& e) {
            throw GroupError("rank " + std::to_string(me_) + " cannot " +
                             (tcp_ || launch.store_file.empty() ? (me_ == 0 ? "serve" : "reach") : "open") +
                             " the group's meeting place " + where + " within " + seconds(launch.timeout_seconds) +
                             ": " + firstLine(e.what()));
        }
        host_ = hostName();
        guarded("joining", [&] { store_->set(key("host", me_), toBytes(host_ + " " + std::to_string(::getpid()))); });
        // Every rank announces itself first, so a missing one is named before Gloo waits for it.
        std::vector<std::string> keys;
        for (int r = 0; r < world_; ++r) keys.push_back(key("host", r));
        try {
            store_->wait(keys, timeout);
        } catch (const std::exception& e) {
            std::string missing;
            try {
                for (int r = 0; r < world_; ++r)
                    if (!store_->check({key("host", r)})) missing += (missing.empty() ? "" : ", ") + std::to_string(r);
            } catch (const std::exception&) {}
            if (missing.empty()) throw GroupError("joining the group at " + where + " failed: " + firstLine(e.what()));
            throw GroupError(std::string(missing.find(',') == std::string::npos ? "rank " : "ranks ") + missing +
                             " did not join the group at " + where + " within " + seconds(launch.timeout_seconds) +
                             " (not started, or cannot reach it)");
        }
        auto options = c10d::ProcessGroupGloo::Options::create(timeout);
        if (const char* ifname = std::getenv("GLOO_SOCKET_IFNAME"))
            options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(ifname));
        else if (launch.store_file.empty() && isLoopback(launch.master_host))
            options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
        else
            options->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
        guarded("connecting the ranks", [&] {
            pg_ = c10::make_intrusive<c10d::ProcessGroupGloo>(c10::make_intrusive<c10d::PrefixStore>("gloo", store_),
                                                              me_, world_, options);
        });
    }

    int rank() const override { return me_; }
    int size() const override { return world_; }

    void allReduceSum(std::vector<at::Tensor>& tensors, const std::string& what) override {
        for (at::Tensor& t : tensors) {
            const bool copy = !t.device().is_cpu() || !t.is_contiguous();
            std::vector<at::Tensor> v{copy ? t.to(at::kCPU).contiguous() : t};
            const std::string op = "the all-reduce of " + what;
            step(op);
            guarded(op, [&] {
                auto work = pg_->allreduce(v);
                work->wait();
            });
            if (copy) t.copy_(v[0]);
        }
    }

    std::vector<std::string> allGather(const std::string& value, const std::string& what) override {
        const std::string base = "gather" + std::to_string(++gathers_);
        step(what);
        publish(base, value);
        std::vector<std::string> out;
        for (int r = 0; r < world_; ++r) out.push_back(r == me_ ? value : awaitPublished(r, base, 0, what));
        return out;
    }

    void publish(const std::string& name, const std::string& value) override {
        guarded("publishing " + name, [&] { store_->set(key("pub/" + name, me_), toBytes(value)); });
    }

    std::string awaitPublished(int from, const std::string& name, double timeout_seconds) override {
        return awaitPublished(from, name, timeout_seconds, name);
    }

    std::string awaitPublished(int from, const std::string& name, double timeout_seconds, const std::string& what) {
        const double limit = timeout_seconds > 0 ? timeout_seconds : launch_.timeout_seconds;
        const std::string k = key("pub/" + name, from);
        auto deadline = Clock::now() + milliseconds(std::int64_t(limit * 1000));
        std::string beat;
        while (true) {
            std::string cause;
            bool found = false;
            guarded(what, [&] { found = store_->check({k}); });
            if (found) {
                std::string v;
                guarded(what, [&] { v = toText(store_->get(k)); });
                return v;
            }
            if (othersFailed(cause)) throw GroupError(cause);
            std::string now_beat;
            guarded(what, [&] {
                if (store_->check({key("beat", from)})) now_beat = toText(store_->get(key("beat", from)));
            });
            if (now_beat != beat) {  // a sign of life: the rank still works
                beat = now_beat;
                deadline = Clock::now() + milliseconds(std::int64_t(limit * 1000));
            }
            if (Clock::now() > deadline) {
                const std::string c = diedOrHangs(from, what);
                abortAll(c);
                throw GroupError(c);
            }
            std::this_thread::sleep_for(milliseconds(50));
        }
    }

    std::optional<std::string> tryPublished(int from, const std::string& name) override {
        const std::string k = key("pub/" + name, from);
        std::optional<std::string> v;
        guarded(name, [&] {
            if (store_->check({k})) v = toText(store_->get(k));
        });
        return v;
    }

    void barrier(const std::string& what) override {
        step(what);
        guarded(what, [&] {
            auto work = pg_->barrier();
            work->wait();
        });
    }

    void fail(const std::string& cause) noexcept override {
        try {
            store_->setTimeout(milliseconds(3000));
            store_->set(key("fail", me_), toBytes(cause));
            if (tcp_ && me_ == 0) {
                // The others read the cause from rank 0's store: keep it up until they have (or 3 s).
                std::vector<std::string> acks;
                for (int r = 1; r < world_; ++r) acks.push_back(key("ack", r));
                store_->wait(acks, milliseconds(3000));
            }
        } catch (...) {}
    }

    bool othersFailed(std::string& cause) override {
        const auto now = Clock::now();
        if (now - last_check_ < milliseconds(500)) return false;
        last_check_ = now;
        try {
            store_->set(key("beat", me_), toBytes(std::to_string(++beats_)));
            if (auto c = publishedFailure()) {
                cause = *c;
                return true;
            }
            if (store_->check({"basislab/abort"})) {
                cause = toText(store_->get("basislab/abort"));
                return true;
            }
        } catch (const std::exception& e) {
            cause = storeLost(e.what());
            return true;
        }
        return false;
    }

private:
    static std::string key(const std::string& what, int r) { return "basislab/" + what + "/" + std::to_string(r); }

    /// Marks the step this rank is about to wait in (read when a rank hangs).
    void step(const std::string& what) {
        ++steps_;
        guarded(what, [&] { store_->set(key("step", me_), toBytes(std::to_string(steps_) + " " + what)); });
    }

    template <class F>
    void guarded(const std::string& what, F&& f) {
        try {
            f();
        } catch (const GroupError&) {
            throw;
        } catch (const std::exception& e) {
            const std::string c = diagnose(what, e.what());
            abortAll(c);
            throw GroupError(c);
        }
    }

    std::string storeLost(const std::string& cause) const {
        if (tcp_)
            return "the group's store at " + where_ + " (served by rank 0) is unreachable: rank 0 died or the " +
                   "network failed (" + firstLine(cause) + ")";
        return "the group's store " + where_ + " failed: " + firstLine(cause);
    }

    /// A failure another rank published about itself, as "rank R stopped: <cause>".
    std::optional<std::string> publishedFailure() {
        for (int r = 0; r < world_; ++r) {
            if (r == me_ || !store_->check({key("fail", r)})) continue;
            const std::string c = toText(store_->get(key("fail", r)));
            try {
                store_->set(key("ack", me_), toBytes("1"));
            } catch (...) {}
            return "rank " + std::to_string(r) + " stopped: " + c;
        }
        return std::nullopt;
    }

    std::pair<std::string, long> hostOf(int r) {
        const std::string v = toText(store_->get(key("host", r)));
        const auto space = v.rfind(' ');
        return {v.substr(0, space), std::atol(v.c_str() + space + 1)};
    }

    std::string diedOrHangs(int r, const std::string& what) {
        try {
            const auto [host, pid] = hostOf(r);
            if (host == host_ && !processAlive(pid))
                return "rank " + std::to_string(r) + " (pid " + std::to_string(pid) + ") died during " + what;
            return "rank " + std::to_string(r) + " (" + host + ", pid " + std::to_string(pid) +
                   ") hangs: no sign of life within " + seconds(launch_.timeout_seconds) + " during " + what;
        } catch (const std::exception& e) {
            return storeLost(e.what());
        }
    }

    /// Why `what` failed with `cause`: names the rank at fault as far as the store tells.
    std::string diagnose(const std::string& what, const std::string& cause) {
        try {
            store_->setTimeout(milliseconds(3000));
            const auto until = Clock::now() + milliseconds(2000);
            // A rank that stopped on its own error publishes it before it exits: give it a moment.
            while (true) {
                if (auto c = publishedFailure()) return *c;
                if (store_->check({"basislab/abort"})) return toText(store_->get("basislab/abort"));
                if (Clock::now() > until) break;
                std::this_thread::sleep_for(milliseconds(100));
            }
            for (int r = 0; r < world_; ++r) {
                if (r == me_) continue;
                const auto [host, pid] = hostOf(r);
                if (host == host_ && !processAlive(pid))
                    return "rank " + std::to_string(r) + " (pid " + std::to_string(pid) + ") died during " + what;
            }
            for (int r = 0; r < world_; ++r) {
                if (r == me_) continue;
                const std::string s =
                    store_->check({key("step", r)}) ? toText(store_->get(key("step", r))) : std::string("0 joining");
                const long n = std::atol(s.c_str());
                if (n < steps_)
                    return "rank " + std::to_string(r) + " did not reach " + what + " within " +
                           seconds(launch_.timeout_seconds) +
                           " (it hangs, died or lost its connection; its last step: " + s.substr(s.find(' ') + 1) + ")";
            }
        } catch (const std::exception& e) {
            return storeLost(e.what());
        }
        return what + " failed between the ranks: " + firstLine(cause);
    }

    /// Tells every rank that the group stops (the first cause wins), so that ranks still
    /// computing stop at their next progress poll.
    void abortAll(const std::string& cause) noexcept {
        try {
            store_->setTimeout(milliseconds(3000));
            store_->compareSet("basislab/abort", {}, toBytes(cause));
        } catch (...) {}
    }

    int me_ = 0, world_ = 1;
    bool tcp_ = false;
    std::string where_, host_;
    long steps_ = 0, gathers_ = 0, beats_ = 0;
    Clock::time_point last_check_{};
    c10::intrusive_ptr<c10d::Store> store_;
    c10::intrusive_ptr<c10d::ProcessGroupGloo> pg_;
};

}  // namespace

bool available() {
    return true;
}

std::unique_ptr<ProcessGroup> ProcessGroup::join(const LaunchConfig& launch) {
    if (!launch.distributed()) throw Error("ProcessGroup::join needs a world size above 1");
    return std::make_unique<GlooGroup>(launch);
}

#else  // built without the Gloo headers

bool available() {
    return false;
}

std::unique_ptr<ProcessGroup> ProcessGroup::join(const LaunchConfig& launch) {
    throw Error(launch.describe() +
                ": this BasisLab was built without distributed support (the Gloo headers, Debian's "
                "libgloo-dev, were not found when it was configured)");
}

#endif

}  // namespace basislab::dist
