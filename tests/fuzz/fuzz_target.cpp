// A libFuzzer target; BASISLAB_FUZZ_ENTRY names the entry function (fuzz_entries.h).
#include "fuzz_entries.h"

#include <cstdlib>

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // A damaged HDF5 file that makes HDF5 loop is killed after this many seconds
    // (base/isolated_read.h), well inside libFuzzer's -timeout.
    setenv("BASISLAB_READ_TIMEOUT", "3", 0);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    basislab::fuzz::BASISLAB_FUZZ_ENTRY(data, size);
    return 0;
}
