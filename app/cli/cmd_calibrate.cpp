// calibrate, inspect: the calibration commands.
#include "commands.h"
#include "common.h"
#include "dist_args.h"

#include "api/job_estimate.h"
#include "base/error.h"
#include "calib/calibrator.h"
#include "calib/spectrum.h"
#include "calib/store.h"
#include "calib/store_files.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <limits>

namespace basislab::cli {
namespace {

using ordered_json = nlohmann::ordered_json;

CalibrationOptions::Path parsePath(const std::string& text) {
    if (text == "streamed") return CalibrationOptions::Path::Streamed;
    if (text == "whole-model") return CalibrationOptions::Path::WholeModel;
    throw Error("--path must be streamed or whole-model, got '" + text + "'");
}

/// --spectra: which sites get their full Gram spectrum (the rest get lambda_max only).
std::int64_t parseSpectra(const std::string& text) {
    if (text == "auto") return kDefaultSpectrumMaxWidth;
    if (text == "all") return std::numeric_limits<std::int64_t>::max();
    if (text == "none") return 0;
    throw Error("--spectra must be auto, all or none, got '" + text + "'");
}

/// What a rank other than 0 does with the finished sites: nothing (rank 0 writes the store).
class DiscardSink : public CalibrationSink {
public:
    void site(const SiteStatistics&, const at::Tensor&) override {}
    void fisher(int, MatrixType, const at::Tensor&) override {}
};

bool hasSpectrum(const SiteStatistics& s) {
    return s.eigenvalues.size() > 0;
}

long long rank99(const SiteStatistics& s) {
    return (long long)energyRank(s.eigenvalues, 0.99);
}

/// The effective rank with `decimals` decimals, or `missing` for a site without a spectrum.
std::string effectiveRankText(const SiteStatistics& s, int decimals, const char* missing) {
    if (!hasSpectrum(s)) return missing;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, effectiveRank(s.eigenvalues));
    return buf;
}

std::string rank99Text(const SiteStatistics& s, const char* missing) {
    return hasSpectrum(s) ? std::to_string(rank99(s)) : std::string(missing);
}

}  // namespace

int runCalibrate(const Argv& argv) {
    const Args args(argv, {"json", "quiet", "fisher"},
                    merge(merge({"model", "text", "windows", "seq-len", "shuffle-seed", "out", "path", "micro-batch",
                                 "gram-accumulation", "spectra"},
                                computeOptionNames()),
                          launchOptionNames()));
    CalibrationOptions co;
    co.text_path = args.require("text");
    co.windows = int(args.requireInt("windows"));
    co.seq_len = int(args.requireInt("seq-len"));
    if (args.has("shuffle-seed")) {
        const long long seed = args.requireInt("shuffle-seed");
        if (seed < 0) throw Error("--shuffle-seed must be a non-negative integer");
        co.shuffle_seed = std::uint64_t(seed);
    }
    co.fisher = args.flag("fisher");
    co.path = parsePath(args.get("path", "streamed"));
    co.micro_batch = args.getInt("micro-batch", 0);
    if (co.micro_batch < 0) throw Error("--micro-batch must be positive");
    co.gram_accumulation = parseGramAccumulation(args.get("gram-accumulation", "float64"), "--gram-accumulation");
    co.spectrum_max_width = parseSpectra(args.get("spectra", "auto"));
    const std::string out = args.require("out");
    if (!std::filesystem::exists(co.text_path)) throw Error("text file '" + co.text_path + "' does not exist");

    const dist::LaunchConfig launch = launchFromArgs(args);
    ModelOptions mo;
    mo.compute = computeOptions(args);
    mo.compute.device = dist::deviceForRank(mo.compute.device, launch);
    // The streamed path reads each layer's weights once: holding them all (resident) would only
    // make the peak memory grow with the layers. The Fisher pass runs the whole model repeatedly.
    if (co.path == CalibrationOptions::Path::Streamed && !co.fisher && mo.compute.device == "cpu")
        mo.residency = Residency::Stream;

    DistRun dist(launch);  // joins the group of a distributed launch (every rank, before any work)
    CalibrationSummary s;
    const int status = dist.run([&] {
        const auto model = LlamaModel::open(args.require("model"), mo);
        co.shard = dist.calibrationShard();
        const ProgressFn progress = dist.progress(stderrProgress(args.flag("quiet")));
        if (dist.rank() == 0) {
            // Dead processes' stores go first; a store that would not fit the disk is refused now.
            prepareStoreTarget(
                out, api::calibrationStoreBytes(model->config(), co.fisher, co.windows, co.spectrum_max_width));
            CalibrationWriter writer(out);  // rank 0 writes; removed unless committed
            s = calibrateInto(*model, co, writer, progress);
            writer.commit(s);
        } else {
            DiscardSink discard;
            s = calibrateInto(*model, co, discard, progress);
        }
        if (dist.distributed()) dist.group().barrier("the end of the calibration");
        return 0;
    });
    if (status != 0) return status;
    const double tps = s.seconds > 0 ? double(s.tokens) / s.seconds : 0.0;
    if (dist.rank() != 0) {  // the store and the report are rank 0's
        if (!args.flag("json"))
            std::printf("rank %d of %d: calibrated its share of %d windows; rank 0 wrote %s\n", dist.rank(),
                        dist.size(), s.settings.windows, out.c_str());
        return 0;
    }

    if (args.flag("json")) {
        ordered_json sites = ordered_json::array();
        for (const SiteStatistics& st : s.sites)
            sites.push_back({{"layer", st.layer},
                             {"site", name(st.site)},
                             {"tokens", st.tokens},
                             {"trace", st.trace},
                             {"fro", st.fro},
                             {"max_eig", st.max_eig},
                             {"mean_sq_norm", st.mean_sq_norm},
                             {"width", st.width},
                             {"effective_rank",
                              hasSpectrum(st) ? ordered_json(effectiveRank(st.eigenvalues)) : ordered_json(nullptr)},
                             {"rank_99", hasSpectrum(st) ? ordered_json(rank99(st)) : ordered_json(nullptr)}});
        std::cout << ordered_json{{"tokens", s.tokens},
                                  {"windows", s.settings.windows},
                                  {"seconds", s.seconds},
                                  {"tokens_per_second", tps},
                                  {"seq_len", s.settings.seq_len},
                                  {"shuffle_seed", s.settings.shuffle_seed ? ordered_json(*s.settings.shuffle_seed)
                                                                           : ordered_json(nullptr)},
                                  {"text", s.settings.text_path},
                                  {"text_tokens", s.settings.text_tokens},
                                  {"device", s.settings.device},
                                  {"dtype", s.settings.dtype},
                                  {"fisher", s.settings.fisher},
                                  {"gram_accumulation", s.settings.gram_accumulation},
                                  {"world_size", s.settings.world_size},
                                  {"out", out},
                                  {"sites", sites}}
                         .dump(2)
                  << "\n";
    } else {
        std::printf("calibrated %d layers x 4 sites on %d windows x %d tokens = %lld tokens%s\n", s.layers,
                    s.settings.windows, s.settings.seq_len, (long long)s.tokens,
                    s.settings.fisher ? " (with Fisher diagonals)" : "");
        std::printf(
            "%.2f s, %.0f tokens/s on %s (%s, Grams summed in %s)%s\n", s.seconds, tps, s.settings.device.c_str(),
            s.settings.dtype.c_str(), s.settings.gram_accumulation.c_str(),
            s.settings.world_size > 1 ? (" by " + std::to_string(s.settings.world_size) + " processes").c_str() : "");
        std::printf("wrote %s (%.1f MB)\n", out.c_str(), double(std::filesystem::file_size(out)) / 1e6);
    }
    return 0;
}

int runInspect(const Argv& argv) {
    const Args args(argv, {"csv"}, {"calib"});
    const std::string path = args.require("calib");
    const CalibrationSummary s = readCalibrationSummary(path);
    if (args.flag("csv")) {
        std::printf("layer,site,width,tokens,trace,fro,max_eig,mean_sq_norm,effective_rank,rank_99\n");
        for (const SiteStatistics& st : s.sites)
            std::printf("%d,%s,%lld,%lld,%.17g,%.17g,%.17g,%.17g,%s\n", st.layer, name(st.site), (long long)st.width,
                        (long long)st.tokens, st.trace, st.fro, st.max_eig, st.mean_sq_norm,
                        (effectiveRankText(st, 6, "") + "," + rank99Text(st, "")).c_str());
        return 0;
    }
    const CalibrationSettings& c = s.settings;
    std::printf("calibration %s\n", path.c_str());
    std::printf("  model     %s (config %s)\n", s.model.path.c_str(), s.model.config_sha256.substr(0, 12).c_str());
    std::printf("  text      %s (%lld tokens, sha256 %s)\n",
                c.text_path.empty() ? "(windows passed in)" : c.text_path.c_str(), (long long)c.text_tokens,
                c.text_sha256.substr(0, 12).c_str());
    std::printf(
        "  windows   %d x %d tokens = %lld tokens, %s\n", c.windows, c.seq_len, (long long)s.tokens,
        c.shuffle_seed ? ("shuffled with seed " + std::to_string(*c.shuffle_seed)).c_str() : "first N in order");
    std::printf("  computed  on %s in %s, Grams summed in %s, %.2f s%s%s\n", c.device.c_str(), c.dtype.c_str(),
                c.gram_accumulation.c_str(), s.seconds, c.fisher ? ", with Fisher diagonals" : "",
                c.world_size > 1 ? (", by " + std::to_string(c.world_size) + " processes").c_str() : "");
    std::printf("\n%5s  %-8s %6s %9s %13s %13s %13s %13s %9s %7s\n", "layer", "site", "width", "tokens", "trace", "fro",
                "max_eig", "mean_sq_norm", "eff_rank", "rank99");
    for (const SiteStatistics& st : s.sites)
        std::printf("%5d  %-8s %6lld %9lld %13.6g %13.6g %13.6g %13.6g %9s %7s\n", st.layer, name(st.site),
                    (long long)st.width, (long long)st.tokens, st.trace, st.fro, st.max_eig, st.mean_sq_norm,
                    effectiveRankText(st, 2, "-").c_str(), rank99Text(st, "-").c_str());
    return 0;
}

}  // namespace basislab::cli
