// Replays fuzz inputs in the normal build (no libFuzzer): `fuzz_replay TARGET PATH...` runs the
// entry function of TARGET (fuzz_entries.h) on every file under each PATH and fails when one
// throws anything but basislab::Error (a crash fails the process anyway).
// `fuzz_replay --write-seeds DIR` writes the seed inputs of the store and session targets.
#include "api/session_file.h"
#include "base/error.h"
#include "calib/store.h"
#include "fuzz_entries.h"
#include "synthetic_calibration.h"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <typeinfo>
#include <vector>

namespace fs = std::filesystem;
using namespace basislab;

namespace {

fuzz::Entry entryNamed(const std::string& name) {
    if (name == "safetensors") return fuzz::safetensorsFile;
    if (name == "index") return fuzz::safetensorsIndex;
    if (name == "config") return fuzz::configJson;
    if (name == "store") return fuzz::calibrationStore;
    if (name == "session") return fuzz::sessionFile;
    if (name == "tokenizer") return fuzz::tokenizerModel;
    return nullptr;
}

int writeSeeds(const fs::path& dir) {
    fs::create_directories(dir / "store");
    fs::create_directories(dir / "session");
    const auto cal = test::syntheticCalibration(1, 3, 2, 4, 11, {5, 9});
    const std::string store = (dir / "store" / "seed-1layer.h5").string();
    saveCalibration(store, *cal);
    api::SessionData s;
    s.model_dir = "/models/m";
    s.plan.refit = true;
    api::RunRecord r;
    r.ppl = 12.5;
    s.runs = {r};
    s.view["step"] = "3";
    api::writeSession((dir / "session" / "seed-link.blsession").string(), s);
    s.calibration_source = api::CalibrationSource::Embedded;
    s.calibration_path = store;
    api::writeSession((dir / "session" / "seed-embedded.blsession").string(), s);
    return 0;
}

std::vector<std::uint8_t> readBytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::string(argv[1]) == "--write-seeds") return writeSeeds(argv[2]);
    if (argc < 3) {
        std::fprintf(stderr, "usage: fuzz_replay TARGET PATH... | fuzz_replay --write-seeds DIR\n");
        return 2;
    }
    const fuzz::Entry entry = entryNamed(argv[1]);
    if (!entry) {
        std::fprintf(stderr, "fuzz_replay: unknown target '%s'\n", argv[1]);
        return 2;
    }
    std::vector<fs::path> files;
    for (int i = 2; i < argc; ++i) {
        if (fs::is_regular_file(argv[i]))
            files.emplace_back(argv[i]);
        else if (fs::is_directory(argv[i]))
            for (const auto& e : fs::recursive_directory_iterator(argv[i]))
                if (e.is_regular_file()) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) {
        std::fprintf(stderr, "fuzz_replay: no inputs under the given paths\n");
        return 2;
    }
    int failures = 0;
    for (const fs::path& f : files) {
        const std::vector<std::uint8_t> bytes = readBytes(f);
        try {
            entry(bytes.data(), bytes.size());
        } catch (const std::exception& e) {
            std::fprintf(stderr, "%s: %s escaped: %s\n", f.c_str(), typeid(e).name(), e.what());
            ++failures;
        } catch (...) {
            std::fprintf(stderr, "%s: a non-standard exception escaped\n", f.c_str());
            ++failures;
        }
    }
    std::printf("fuzz_replay %s: %zu inputs, %d failures\n", argv[1], files.size(), failures);
    return failures ? 1 : 0;
}
