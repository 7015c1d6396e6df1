// compress: one compression plan applied to a model, optionally evaluated and exported.
#include "commands.h"
#include "common.h"
#include "compress_args.h"
#include "eval_args.h"

#include "base/error.h"
#include "calib/store.h"
#include "compress/compress.h"
#include "compress/compressed_tensors.h"
#include "compress/export.h"
#include "eval/perplexity.h"
#include "eval/zeroshot.h"
#include "model/fingerprint.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace basislab::cli {

using nlohmann::json;

namespace {

void printReport(const CompressionReport& r) {
    std::printf("plan        %s\n", r.plan.describe().c_str());
    std::printf(
        "parameters  %lld -> %lld of the compressed matrices (achieved ratio %.4f); model %lld -> %lld (%.4f)\n",
        (long long)r.dense_params, (long long)r.stored_params, r.achieved_ratio, (long long)r.model_params,
        (long long)r.model_params_after, r.achieved_ratio_model);
    std::printf("errors      mean whitened (Frobenius) error per type:\n");
    for (MatrixType t : r.plan.types) {
        std::int64_t lo = -1, hi = -1;
        for (const GroupReport& g : r.groups)
            if (g.type == t) {
                lo = lo < 0 ? g.rank : std::min(lo, g.rank);
                hi = std::max(hi, g.rank);
            }
        const std::string rank = lo == hi ? std::to_string(lo) : std::to_string(lo) + "-" + std::to_string(hi);
        std::printf("  %-5s rank %-9s %.5f (%.5f)\n", name(t), rank.c_str(), r.meanWhitenedError(t),
                    r.meanFrobeniusError(t));
    }
    if (r.plan.allocation != Allocation::uniform) {
        const AllocationReport& a = r.allocation;
        std::printf(
            "allocation  %s: %lld of the uniform plan's %lld parameters; summed squared relative whitened "
            "error %.6f (uniform %.6f)%s\n",
            name(r.plan.allocation), (long long)a.used_params, (long long)a.budget_params, a.objective,
            a.uniform_objective,
            a.rank_quantum > 1 ? (", ranks on a grid of " + std::to_string(a.rank_quantum)).c_str() : "");
        std::printf("ranks       %s\n", r.ranksText().c_str());
    }
    if (!r.rounded_dtype.empty()) {
        std::printf("rounded     mean whitened error per type with the factors as exported in %s:\n",
                    r.rounded_dtype.c_str());
        for (MatrixType t : r.plan.types) {
            double sum = 0;
            int n = 0;
            for (const LayerReport& l : r.layers)
                if (l.type == t && l.whitened_error_rounded >= 0) sum += l.whitened_error_rounded, ++n;
            if (n) std::printf("  %-5s %.5f\n", name(t), sum / n);
        }
    }
    if (r.plan.streamsUpdate())
        std::printf("update      %s: mean output error %.5f -> %.5f (in %.2f s)\n", name(r.plan.update),
                    r.meanOutputError(false), r.meanOutputError(true), r.update_seconds);
    for (const std::string& w : r.warnings) std::printf("note        %s\n", w.c_str());
    std::printf("compressed  %zu groups in %.2f s\n", r.groups.size(), r.seconds);
}

}  // namespace

int runCompress(const Argv& argv) {
    const Args args(
        argv, merge({"json", "quiet", "force"}, planFlagNames()),
        merge(merge(merge({"model", "calib", "eval-text", "zeroshot-tasks", "out", "format", "export-dtype"},
                          planOptionNames()),
                    perplexityOptionNames()),
              computeOptionNames()));
    const CompressionPlan plan = planFromArgs(args);
    CompressOptions options = compressOptionsFromArgs(args);
    if (args.has("eval-text") != args.has("window")) throw Error("--eval-text and --window go together");
    if (args.has("protocol") && !args.has("eval-text")) throw Error("--protocol needs --eval-text");
    const std::vector<std::string> tasks =
        args.has("zeroshot-tasks") ? taskPathsFromArgs(args, "zeroshot-tasks") : std::vector<std::string>{};
    if (args.has("format") && !args.has("out")) throw Error("--format needs --out DIR");
    ExportOptions export_options;
    if (args.has("out")) {
        const std::string f = args.get("format", "factored");
        const auto format = parseExportFormat(f);
        if (!format) throw Error("--format: unknown format '" + f + "' (factored, dense)");
        export_options.format = *format;
        export_options.dtype = args.get("export-dtype", "");
        export_options.overwrite = args.flag("force");
    }
    ModelOptions mo;
    mo.compute = computeOptions(args);
    const auto model = LlamaModel::open(args.require("model"), mo);
    const ModelIdentity identity = modelIdentity(model->dir(), model->config(), model->checkpoint());
    const auto calibration = openCalibration(args.require("calib"), &identity);
    const bool quiet = args.flag("quiet");
    if (args.has("out")) {
        const ExportRounding rounding = exportRounding(*model, plan, export_options);
        options.rounded_dtype = rounding.dtype;
        options.round_product = rounding.product;
    }
    // Without an evaluation or an export only the report is needed: the factors are not kept.
    options.keep_tensors = args.has("eval-text") || !tasks.empty() || args.has("out");
    const CompressedModel compressed = compress(*model, *calibration, plan, options, stderrProgress(quiet));

    json extra = json::object();
    ProjectionOverrides overrides;  // only when something is evaluated
    if (args.has("eval-text") || !tasks.empty()) overrides = overridesOf(compressed, *model);
    if (args.has("eval-text")) {
        const PerplexityOptions po = perplexityOptionsFromArgs(args);
        const PerplexityResult r =
            perplexityOfFile(*model, args.require("eval-text"), po, stderrProgress(quiet), &overrides);
        extra = {{"ppl", r.ppl},
                 {"protocol", name(r.protocol)},
                 {"nll", r.nll},
                 {"scored_tokens", r.scored_tokens},
                 {"windows", r.windows},
                 {"window", po.window},
                 {"eval_seconds", r.seconds}};
    }
    std::vector<ZeroShotTaskResult> zeroshot;
    if (!tasks.empty()) {
        zeroshot = zeroShotResults(zeroShot(*model, tasks, {}, stderrProgress(quiet), &overrides));
        extra["zeroshot"] = zeroShotJson(zeroshot);
    }
    if (args.has("out")) {
        exportCompressed(*model, compressed, args.require("out"), export_options, stderrProgress(quiet));
        extra["out"] = args.require("out");
        extra["format"] = name(export_options.format);
    }
    if (args.flag("json")) {
        json j = json::parse(compressed.report.toJson(-1));
        for (const auto& [key, value] : extra.items()) j[key] = value;
        j["device"] = mo.compute.device;
        j["dtype"] = mo.compute.dtype;
        std::cout << j.dump(2) << "\n";
    } else {
        printReport(compressed.report);
        if (extra.contains("ppl"))
            std::printf("perplexity  %.6f (protocol %s, %lld windows of %d)\n", extra["ppl"].get<double>(),
                        extra["protocol"].get<std::string>().c_str(), extra["windows"].get<long long>(),
                        extra["window"].get<int>());
        if (!zeroshot.empty()) printZeroShot(zeroshot);
        if (extra.contains("out"))
            std::printf("written     %s (%s)\n", extra["out"].get<std::string>().c_str(),
                        extra["format"].get<std::string>().c_str());
    }
    return 0;
}

}  // namespace basislab::cli
