#include "hdf5_lock.h"

#include <H5Cpp.h>

#include <atomic>
#include <mutex>
#include <thread>

namespace basislab::hdf5 {
namespace {

/// A recursive mutex whose owner is a std::thread::id: after fork() the child's only thread has
/// the id of the thread that forked, so it may re-enter a lock held across the fork.
class RecursiveMutex {
public:
    void lock() {
        const std::thread::id me = std::this_thread::get_id();
        if (owner_.load(std::memory_order_relaxed) == me) {
            ++depth_;
            return;
        }
        mutex_.lock();
        owner_.store(me, std::memory_order_relaxed);
        depth_ = 1;
    }
    void unlock() {
        if (--depth_ > 0) return;
        owner_.store(std::thread::id(), std::memory_order_relaxed);
        mutex_.unlock();
    }

private:
    std::mutex mutex_;
    std::atomic<std::thread::id> owner_{std::thread::id()};
    int depth_ = 0;  // written only by the owner
};

RecursiveMutex& mutex() {
    static RecursiveMutex m;
    return m;
}

}  // namespace

Lock::~Lock() {
    mutex().unlock();
}

Lock::Lock() {
    mutex().lock();
    thread_local bool quiet = false;
    if (!quiet) {
        H5::Exception::dontPrint();
        quiet = true;
    }
}

std::string cause(const H5::Exception& e) {
    std::string innermost;
    H5Ewalk2(
        H5E_DEFAULT, H5E_WALK_UPWARD,
        [](unsigned n, const H5E_error2_t* err, void* out) -> herr_t {
            if (n == 0 && err->desc) *static_cast<std::string*>(out) = err->desc;
            return 0;
        },
        &innermost);
    return innermost.empty() ? e.getDetailMsg() : innermost;
}

}  // namespace basislab::hdf5
