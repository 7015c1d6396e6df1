// The workbench's calibration and its memory: calibrates a model through api::ModelSession (the
// GUI's path: into a store on disk, Grams read on demand) and prints the peak resident set
// (VmHWM), the resident set before and after, the store's size and the up-front estimate
// (api/job_estimate.h). With --mode memory it runs the in-memory calibrator instead (what the
// workbench did before: every Gram held), for comparison; run each mode in its own process.
//
//   bench_workbench_calibrate --model DIR --text FILE [--windows 4] [--seq-len 256]
//                             [--mode session|memory] [--cache DIR] [--device cpu] [--dtype float32]
//
// The store goes to a temporary file in --cache (default: the system's temporary folder), removed
// at the end.
#include "args.h"
#include "bench_common.h"
#include "common.h"

#include "api/job_estimate.h"
#include "api/model_session.h"
#include "api/process_memory.h"
#include "base/compute.h"
#include "base/error.h"
#include "calib/calibrator.h"
#include "model/llama_model.h"
#include "model/model_info.h"

#include <chrono>
#include <cstdio>
#include <fstream>

using namespace basislab;

namespace {

using bench::procStatusMiB;

double mib(std::uint64_t bytes) {
    return double(bytes) / (1024.0 * 1024.0);
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const cli::Args args(
            std::vector<std::string>(argv + 1, argv + argc), {},
            cli::merge({"model", "text", "windows", "seq-len", "mode", "cache"}, cli::computeOptionNames()));
        const ComputeOptions compute = cli::computeOptions(args);
        api::CalibrationRequest request;
        request.text_path = args.require("text");
        request.windows = int(args.getInt("windows", 4));
        request.seq_len = int(args.getInt("seq-len", 256));
        const std::string mode = args.get("mode", "session");
        if (mode != "session" && mode != "memory") throw Error("--mode must be session or memory, got '" + mode + "'");
        bench::printEnvironment(compute.device, compute.dtype);

        const std::string dir = args.require("model");
        const ModelInfo info = readModelInfo(dir);
        const api::JobEstimate e = api::estimateCalibration(info, request, compute);
        std::unique_ptr<api::ModelSession> session;
        std::shared_ptr<LlamaModel> model;
        if (mode == "session") {
            session = api::ModelSession::open(dir, compute);
            if (args.has("cache")) session->setCacheFolder(args.get("cache", ""));
        } else {
            configureThreads(compute.threads);
            ModelOptions mo;
            mo.compute = compute;
            model = LlamaModel::open(dir, mo);
        }
        const double before = double(api::residentSetBytes()) / (1024.0 * 1024.0);
        const auto start = std::chrono::steady_clock::now();
        std::uint64_t store = 0;
        std::shared_ptr<InMemoryCalibration> held;  // --mode memory: every Gram, as before
        if (session) {
            session->calibrate(request, {});
            store = session->calibrationStoreBytes();
        } else {
            CalibrationOptions co;
            co.text_path = request.text_path;
            co.windows = request.windows;
            co.seq_len = request.seq_len;
            held = basislab::calibrate(*model, co);
        }
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const double after = double(api::residentSetBytes()) / (1024.0 * 1024.0);
        const LlamaConfig& c = info.config;
        std::printf("model: %d layers, hidden %d, intermediate %d, %s; %d x %d tokens; mode %s\n", c.num_hidden_layers,
                    c.hidden_size, c.intermediate_size, info.storage_dtype.c_str(), request.windows, request.seq_len,
                    mode.c_str());
        std::printf("calibration: %.1f s; store %.1f MiB on disk\n", seconds, mib(store));
        std::printf("estimate: host %.1f MiB (weights %.1f + working set %.1f), device %.1f MiB, disk %.1f MiB\n",
                    mib(e.hostBytes()), mib(e.weights_bytes), mib(e.working_bytes), mib(e.device_bytes),
                    mib(e.disk_bytes));
        std::printf("RSS: %.1f MiB after opening the model, %.1f MiB after calibrating; peak RSS %.1f MiB\n", before,
                    after, procStatusMiB("VmHWM"));
        return 0;
    } catch (...) {
        return bench::exitStatusOfCurrentException("bench_workbench_calibrate");
    }
}
