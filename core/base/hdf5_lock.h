// The one lock every HDF5 call in BasisLab runs under (the calibration store, the session file,
// their attribute helpers, and tests that build HDF5 files by hand).
//
// Debian's libhdf5 1.10 (serial) is built with --enable-threadsafe, which serialises the C library,
// but the C++ wrappers (H5Cpp: reference-counted ids, the global PredType objects, exceptions that
// walk the error stack) are not covered by it, and a multi-step operation (open, read attributes,
// walk the error stack for the cause) must not interleave with another thread's. So all of it runs
// under one process-wide recursive mutex: HDF5 objects are created and destroyed inside a Lock's
// scope. The mutex is recursive so a locked helper may call another.
//
// HDF5 prints its error stack to stderr by default; in a thread-safe build that setting belongs to
// each thread, so Lock turns it off (H5::Exception::dontPrint) once per thread, under the mutex.
// Errors reach the user as basislab::Error with the innermost HDF5 message (cause()).
#pragma once

#include <mutex>
#include <string>

namespace H5 {
class Exception;
}

namespace basislab::hdf5 {

class Lock {
public:
    Lock();
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;

private:
    std::lock_guard<std::recursive_mutex> lock_;
};

/// The innermost message of this thread's HDF5 error stack (e.g. "truncated file: eof = ..."), or
/// the exception's own message. Call it in the catch block, under the Lock, before any other HDF5 call.
std::string cause(const H5::Exception& e);

}  // namespace basislab::hdf5
