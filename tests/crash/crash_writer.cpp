// The victim of tests/crash/test_crash_writes.cpp: writes one target over and over, alternating
// between two known versions, until it is killed. Prints "ready" once the first version is
// committed, then the number of each further commit.
//   crash_writer store   DIR                  DIR/calib.h5: syntheticCalibration seeds 1 and 2
//   crash_writer session DIR                  DIR/s.blsession: sessionVersion(0 | 1), embedding DIR/calib.h5
//   crash_writer export  DIR [--no-exchange]  DIR/out: factored exports of DIR/model at ratios 0.3 and 0.6
//   crash_writer workbench DIR MODEL TEXT      the workbench's calibration (api::ModelSession) of MODEL
//                                              on TEXT into temporary stores in the cache folder DIR,
//                                              over and over; "ready" once the first one is being written
#include "api/model_session.h"
#include "api/session_file.h"
#include "base/atomic_folder.h"
#include "calib/store.h"
#include "compress/compress.h"
#include "compress/export.h"
#include "compress_helpers.h"
#include "crash_versions.h"
#include "synthetic_calibration.h"

#include <cstdio>
#include <string>

using namespace basislab;

namespace {

void ready(long i) {
    if (i == 0)
        std::printf("ready\n");
    else
        std::printf("%ld\n", i);
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) return 2;
    const std::string mode = argv[1], dir = argv[2];
    if (argc > 3 && std::string(argv[3]) == "--no-exchange") AtomicFolder::setExchangeAllowed(false);
    if (mode == "store") {
        const auto a = crash::storeVersion(0), b = crash::storeVersion(1);
        for (long i = 0;; ++i) {
            saveCalibration(dir + "/calib.h5", i % 2 ? *b : *a);
            ready(i);
        }
    }
    if (mode == "session") {
        for (long i = 0;; ++i) {
            api::writeSession(dir + "/s.blsession", crash::sessionVersion(int(i % 2), dir + "/calib.h5"));
            ready(i);
        }
    }
    if (mode == "export") {
        const auto model = LlamaModel::open(dir + "/model");
        const auto calibration = openCalibration(dir + "/model-calib.h5");
        const CompressedModel c[2] = {compress(*model, *calibration, crash::exportPlan(0)),
                                      compress(*model, *calibration, crash::exportPlan(1))};
        ExportOptions eo;
        eo.overwrite = true;
        for (long i = 0;; ++i) {
            exportCompressed(*model, c[i % 2], dir + "/out", eo);
            ready(i);
        }
    }
    if (mode == "workbench" && argc > 4) {
        auto session = api::ModelSession::open(argv[3], ComputeOptions{});
        session->setCacheFolder(dir);
        api::CalibrationRequest request;
        request.text_path = argv[4];
        request.windows = 60;  // all of TinyStories-valid at 256 tokens
        request.seq_len = 256;
        bool started = false;
        for (;;)
            session->calibrate(request, [&](const Progress&) {
                if (!started) ready(0);  // the store's temporary file exists from now on
                started = true;
                return true;
            });
    }
    return 2;
}
