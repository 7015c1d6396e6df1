// A libFuzzer target; BASISLAB_FUZZ_ENTRY names the entry function (fuzz_entries.h).
#include "fuzz_entries.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    basislab::fuzz::BASISLAB_FUZZ_ENTRY(data, size);
    return 0;
}
