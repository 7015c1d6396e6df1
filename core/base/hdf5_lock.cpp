#include "hdf5_lock.h"

#include <H5Cpp.h>

namespace basislab::hdf5 {
namespace {

std::recursive_mutex& mutex() {
    static std::recursive_mutex m;
    return m;
}

}  // namespace

Lock::Lock() : lock_(mutex()) {
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
