#include "fuzz_entries.h"

#include "api/session_file.h"
#include "base/error.h"
#include "calib/store.h"
#include "model/config.h"
#include "model/safetensors.h"

#include <filesystem>

namespace basislab::fuzz {
namespace fs = std::filesystem;
namespace {

/// Reads every byte of a tensor, so that ASan sees any pointer outside the mapping.
unsigned touch(const TensorInfo& t) {
    unsigned sum = 0;
    for (std::size_t i = 0; i < t.nbytes; ++i) sum += unsigned(t.data[i]);
    return sum;
}

}  // namespace

void safetensorsFile(const std::uint8_t* data, std::size_t size) {
    const std::string path = writeInput("model.safetensors", data, size);
    expectingErrors([&] {
        const SafetensorsFile file(path);
        for (const TensorInfo& t : file.tensors()) sink = sink + touch(t) + unsigned(t.numel());
    });
}

void safetensorsIndex(const std::uint8_t* data, std::size_t size) {
    static const std::string folder = [] {
        const std::string d = scratch() + "/sharded";
        fs::create_directories(d);
        for (const char* shard : {"model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"}) {
            std::error_code ec;
            fs::copy_file(fs::path(BASISLAB_TEST_DATA_DIR) / "tiny-random-sharded" / shard, fs::path(d) / shard,
                          fs::copy_options::overwrite_existing, ec);
        }
        return d;
    }();
    writeInput("sharded/model.safetensors.index.json", data, size);
    expectingErrors([&] {
        const auto ckpt = Checkpoint::open(folder);
        for (const std::string& name : ckpt->names()) sink = sink + touch(ckpt->tensor(name));
    });
}

void configJson(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    expectingErrors([&] {
        const LlamaConfig c = LlamaConfig::parse(text, "config.json");
        for (MatrixType t : kMatrixTypes) sink = sink + unsigned(c.dIn(t) + c.dOut(t));
        for (Site s : kSites) sink = sink + unsigned(c.siteWidth(s));
    });
}

void calibrationStore(const std::uint8_t* data, std::size_t size) {
    const std::string path = writeInput("calib.h5", data, size);
    expectingErrors([&] {
        const auto cal = openCalibration(path);
        const CalibrationSummary& S = cal->summary();
        for (const SiteStatistics& s : S.sites) sink = sink + unsigned(cal->gram(s.layer, s.site).numel());
        if (S.settings.fisher)
            for (int l = 0; l < S.layers; ++l)
                for (MatrixType t : kMatrixTypes) sink = sink + unsigned(cal->fisher(l, t).numel());
    });
    expectingErrors([&] { sink = sink + unsigned(readCalibrationSummary(path).sites.size()); });
}

void sessionFile(const std::uint8_t* data, std::size_t size) {
    const std::string path = writeInput("s.blsession", data, size);
    expectingErrors([&] {
        std::vector<std::string> warnings;
        const api::SessionData s = api::readSession(path, &warnings);
        sink = sink + unsigned(s.runs.size() + warnings.size());
    });
    expectingErrors([&] { api::extractEmbeddedCalibration(path, scratch() + "/extracted.h5"); });
}

}  // namespace basislab::fuzz
