// The entry functions of the fuzz targets (libFuzzer, tests/fuzz/fuzz_target.cpp) and of the
// replay test that runs their corpora and every input that ever crashed in the normal build
// (tests/fuzz/replay.cpp). Each takes arbitrary bytes, hands them to BasisLab's reader as the file
// a user would open, and uses what was read (every tensor's bytes, every Gram). A bad input must
// end in basislab::Error, which is caught here; anything else (a crash, a sanitizer report, another
// exception) is a finding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "base/error.h"

namespace basislab::fuzz {

using Entry = void (*)(const std::uint8_t* data, std::size_t size);

/// One `.safetensors` file (the 8-byte length, the JSON header and the data section).
void safetensorsFile(const std::uint8_t* data, std::size_t size);
/// `model.safetensors.index.json` of a folder that holds tests/data/tiny-random-sharded's shards.
void safetensorsIndex(const std::uint8_t* data, std::size_t size);
/// `config.json` of a Llama model.
void configJson(const std::uint8_t* data, std::size_t size);
/// A calibration store (HDF5): opened, summary read, every Gram and Fisher diagonal read.
void calibrationStore(const std::uint8_t* data, std::size_t size);
/// A workbench session file (HDF5).
void sessionFile(const std::uint8_t* data, std::size_t size);
/// A SentencePiece `tokenizer.model`, loaded and used on a short text (not under ASan: the module
/// is loaded with dlopen(RTLD_DEEPBIND), which ASan refuses).
void tokenizerModel(const std::uint8_t* data, std::size_t size);

/// A private scratch folder for this process (in /dev/shm when it exists: no disk writes).
const std::string& scratch();
/// Writes the input to scratch()/name and returns the path.
std::string writeInput(const std::string& name, const std::uint8_t* data, std::size_t size);
/// Keeps what the entries compute from being optimised away.
extern volatile unsigned sink;

/// Runs f; basislab::Error (the reader refused the input with a message) is the expected outcome
/// of bad input and is swallowed.
template <class F>
void expectingErrors(F&& f) {
    try {
        f();
    } catch (const Error&) {}
}

}  // namespace basislab::fuzz
