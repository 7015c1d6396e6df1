// sweep: a grid of compression plans, each compressed and evaluated; one CSV row per run (and an
// optional booktabs table of perplexities).
#include "commands.h"
#include "common.h"
#include "compress_args.h"
#include "eval_args.h"

#include "base/atomic_file.h"
#include "base/error.h"
#include "calib/store.h"
#include "compress/compress.h"
#include "compress/compressed_tensors.h"
#include "eval/perplexity.h"
#include "eval/zeroshot.h"
#include "model/fingerprint.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

namespace basislab::cli {
namespace {

struct Run {
    CompressionPlan plan;
    std::string group_size = "-";  // "-" where it has no effect
    std::string alpha = "-";
    std::string shared = "-";
};

struct Row {
    Run run;
    CompressionReport report;
    double ppl = 0;
    double eval_seconds = 0;
    std::vector<ZeroShotTaskResult> zeroshot;
};

/// What the sweep measures besides the plans: the protocol, and the zero-shot tasks (if any).
struct Measures {
    PerplexityProtocol protocol = PerplexityProtocol::basislab;
    std::vector<std::string> task_names;
    std::vector<ZeroShotTaskResult> dense_zeroshot;
};

std::string fixed(double v, int digits) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

std::string general(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::vector<Run> grid(const Args& args) {
    std::vector<Method> methods;
    for (const std::string& m : splitList(args.require("methods"))) {
        const auto method = parseMethod(m);
        if (!method) throw Error("--methods: unknown method '" + m + "'");
        methods.push_back(*method);
    }
    std::vector<double> ratios;
    for (const std::string& r : splitList(args.require("ratios"))) ratios.push_back(parseDouble(r, "--ratios"));
    std::vector<int> sizes;
    for (const std::string& n : splitList(args.get("group-sizes", "2")))
        sizes.push_back(int(parseInt(n, "--group-sizes")));
    std::vector<AlphaForm> alphas;
    for (const std::string& a : splitList(args.get("alphas", "none")))
        alphas.push_back(AlphaForm::parse(a, "--alphas"));
    std::vector<std::vector<MatrixType>> share_sets;
    for (const std::string& s : splitList(args.get("share-sets", "q,k,v,gate,up"), '/'))
        share_sets.push_back(parseTypeList(s, "--share-sets"));
    CompressionPlan base = planFromArgs(args, false);
    std::vector<UpdateKind> updates;
    if (args.has("updates")) {
        if (args.flag("refit")) throw Error("--refit means --updates refit; give one of them");
        for (const std::string& u : splitList(args.require("updates"))) {
            const auto kind = parseUpdateKind(u);
            if (!kind) throw Error("--updates: unknown update '" + u + "' (none, refit, deviated, compensate)");
            if (std::find(updates.begin(), updates.end(), *kind) != updates.end())
                throw Error("--updates: '" + u + "' is listed twice");
            updates.push_back(*kind);
        }
    } else {
        updates.push_back(base.updateKind());
    }
    std::vector<Run> runs;
    for (Method m : methods)
        for (double r : ratios) {
            CompressionPlan p = base;
            p.method = m;
            p.ratio = r;
            if (m != Method::basis_sharing || std::all_of(sizes.begin(), sizes.end(), [](int n) { return n == 1; })) {
                if (m == Method::basis_sharing) p.setGroupSize(1);
                p.validate();
                runs.push_back({p, m == Method::basis_sharing ? "1" : "-", "-", "-"});
                continue;
            }
            for (int n : sizes) {
                if (n == 1) {  // every alpha form and share set reduce to svd-llm at n = 1: run it once
                    p.setGroupSize(1);
                    p.validate();
                    runs.push_back({p, "1", "-", "-"});
                    continue;
                }
                for (const auto& shared : share_sets)
                    for (const AlphaForm& a : alphas) {
                        CompressionPlan q = p;
                        q.setGroupSize(n);
                        q.shared = shared;
                        q.alpha = a;
                        q.validate();
                        std::string shared_text = typeListText(shared);  // "q+k+v": no commas in a CSV cell
                        std::replace(shared_text.begin(), shared_text.end(), ',', '+');
                        runs.push_back({q, std::to_string(n), a.text(), shared_text});
                    }
            }
        }
    std::vector<Run> out;  // every plan once per update, the updates of a plan adjacent
    for (const Run& r : runs)
        for (UpdateKind u : updates) {
            Run v = r;
            v.plan.setUpdate(u);
            v.plan.validate();
            out.push_back(v);
        }
    return out;
}

std::string csv(const std::vector<Row>& rows, double dense_ppl, const Measures& m) {
    std::ostringstream s;
    s << "method,ratio,group_size,alpha,shared,refit,achieved_ratio,achieved_ratio_model,ppl,mean_whitened_error";
    for (MatrixType t : kMatrixTypes) s << ",whitened_error_" << name(t);
    // Later additions go at the end of the row, so older scripts keep their column numbers.
    const bool zeroshot = !m.task_names.empty();
    s << ",cholesky_shifts,compress_seconds,eval_seconds,protocol" << (zeroshot ? zeroShotCsvHeader(m.task_names) : "")
      << ",update,mean_output_error_before,mean_output_error_after,update_seconds\n";
    s << "dense,0,-,-,-,0,0,0," << fixed(dense_ppl, 6) << ",0,0,0,0,0,0,0,0,0,0,0," << name(m.protocol)
      << (zeroshot ? zeroShotCsvCells(m.dense_zeroshot) : "") << ",-,,,0\n";
    for (const Row& r : rows) {
        const CompressionReport& rep = r.report;
        double mean = 0;
        for (const LayerReport& l : rep.layers) mean += l.whitened_error / double(rep.layers.size());
        int shifts = 0;
        for (const GroupReport& g : rep.groups) shifts += g.cholesky_shift > 0;
        s << name(r.run.plan.method) << "," << general(r.run.plan.ratio) << "," << r.run.group_size << ","
          << r.run.alpha << "," << r.run.shared << "," << (r.run.plan.refit ? 1 : 0) << ","
          << fixed(rep.achieved_ratio, 6) << "," << fixed(rep.achieved_ratio_model, 6) << "," << fixed(r.ppl, 6) << ","
          << fixed(mean, 6);
        for (MatrixType t : kMatrixTypes)
            s << "," << (rep.plan.compresses(t) ? fixed(rep.meanWhitenedError(t), 6) : "");
        s << "," << shifts << "," << fixed(rep.seconds, 3) << "," << fixed(r.eval_seconds, 3) << "," << name(m.protocol)
          << (zeroshot ? zeroShotCsvCells(r.zeroshot) : "") << "," << name(rep.plan.updateKind()) << ","
          << (rep.plan.streamsUpdate() ? fixed(rep.meanOutputError(false), 6) : "") << ","
          << (rep.plan.streamsUpdate() ? fixed(rep.meanOutputError(true), 6) : "") << ","
          << fixed(rep.update_seconds, 3) << "\n";
    }
    return s.str();
}

std::string latex(const std::vector<Row>& rows, double dense_ppl) {
    // One line per (method, group size, alpha, shared, update), one column per ratio; best per column bold.
    std::vector<double> ratios;
    std::vector<std::string> keys;
    std::map<std::string, std::map<double, double>> cells;
    std::map<std::string, std::string> labels;
    for (const Row& r : rows) {
        const double ratio = r.run.plan.ratio;
        if (std::find(ratios.begin(), ratios.end(), ratio) == ratios.end()) ratios.push_back(ratio);
        const std::string key =
            std::string(name(r.run.plan.method)) + " & " + r.run.group_size + " & " + r.run.alpha + " & " +
            r.run.shared +
            (r.run.plan.updateKind() != UpdateKind::none ? std::string(" + ") + name(r.run.plan.updateKind())
                                                         : std::string());
        if (!cells.count(key)) keys.push_back(key);
        cells[key][ratio] = r.ppl;
    }
    std::sort(ratios.begin(), ratios.end());
    std::map<double, double> best;
    for (const auto& [key, row] : cells)
        for (const auto& [ratio, ppl] : row)
            if (!best.count(ratio) || ppl < best[ratio]) best[ratio] = ppl;
    std::ostringstream s;
    s << "% basislab-cli sweep: perplexity of the compressed model (lower is better; best per ratio in bold)\n"
      << "\\begin{tabular}{llll" << std::string(ratios.size(), 'r') << "}\n\\toprule\n"
      << "Method & $n$ & $\\alpha$ & shared";
    for (double r : ratios) s << " & $r=" << general(r) << "$";
    s << " \\\\\n\\midrule\n"
      << "dense & -- & -- & --";
    for (std::size_t i = 0; i < ratios.size(); ++i) s << " & " << fixed(dense_ppl, 2);
    s << " \\\\\n";
    for (const std::string& key : keys) {
        std::string k = key;
        for (std::size_t p = 0; (p = k.find('_', p)) != std::string::npos; p += 2) k.replace(p, 1, "\\_");
        s << k;
        for (double r : ratios) {
            const auto it = cells[key].find(r);
            if (it == cells[key].end()) {
                s << " & --";
                continue;
            }
            const std::string v = fixed(it->second, 2);
            s << " & " << (it->second == best[r] ? "\\textbf{" + v + "}" : v);
        }
        s << " \\\\\n";
    }
    s << "\\bottomrule\n\\end{tabular}\n";
    return s.str();
}

}  // namespace

int runSweep(const Argv& argv) {
    // The grid options replace --method, --ratio, --group-size, --alpha and --share.
    const Args args(
        argv, merge({"quiet"}, planFlagNames()),
        merge(merge({"model", "calib", "methods", "ratios", "group-sizes", "alphas", "share-sets", "types",
                     "asvd-exponent", "solver", "eval-text", "zeroshot-tasks", "out", "latex", "updates", "calib-text"},
                    perplexityOptionNames()),
              computeOptionNames()));
    const std::vector<Run> runs = grid(args);
    const CompressOptions options = compressOptionsFromArgs(args);
    const std::string out = args.require("out");
    const PerplexityOptions po = perplexityOptionsFromArgs(args);
    Measures measures;
    measures.protocol = po.protocol;
    const std::vector<std::string> tasks =
        args.has("zeroshot-tasks") ? taskPathsFromArgs(args, "zeroshot-tasks") : std::vector<std::string>{};
    ModelOptions mo;
    mo.compute = computeOptions(args);
    const auto model = LlamaModel::open(args.require("model"), mo);
    const ModelIdentity identity = modelIdentity(model->dir(), model->config(), model->checkpoint());
    const auto calibration = openCalibration(args.require("calib"), &identity);
    const auto& tokenizer = model->requireTokenizer();
    const std::vector<int> ids = tokenizer.encode(readUtf8File(args.require("eval-text")));
    const bool quiet = args.flag("quiet");
    const double dense_ppl = perplexity(*model, ids, po).ppl;
    if (!tasks.empty()) {
        measures.dense_zeroshot = zeroShotResults(zeroShot(*model, tasks, {}, stderrProgress(quiet)));
        for (const ZeroShotTaskResult& t : measures.dense_zeroshot) measures.task_names.push_back(t.task);
    }
    std::fprintf(stderr, "sweep: %zu runs; dense ppl %.4f (protocol %s)\n", runs.size(), dense_ppl, name(po.protocol));
    std::vector<Row> rows;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        if (interrupted()) throw Cancelled();
        Row row;
        row.run = runs[i];
        const CompressedModel c = compress(*model, *calibration, runs[i].plan, options, stderrProgress(true));
        const ProjectionOverrides overrides = overridesOf(c, *model);
        const PerplexityResult p = perplexity(*model, ids, po, stderrProgress(true), &overrides);
        row.report = c.report;
        row.ppl = p.ppl;
        row.eval_seconds = p.seconds;
        if (!tasks.empty())
            row.zeroshot = zeroShotResults(zeroShot(*model, tasks, {}, stderrProgress(true), &overrides));
        rows.push_back(std::move(row));
        if (!quiet)
            std::fprintf(stderr, "[%zu/%zu] %-60s ppl %.4f  ratio %.4f  (%.1f s + %.1f s)\n", i + 1, runs.size(),
                         runs[i].plan.describe().c_str(), p.ppl, c.report.achieved_ratio, c.report.seconds, p.seconds);
        writeFileAtomically(out, csv(rows, dense_ppl, measures));  // partial results survive an interruption
    }
    if (args.has("latex")) writeFileAtomically(args.require("latex"), latex(rows, dense_ppl));
    std::printf("%zu runs written to %s\n", rows.size(), out.c_str());
    return 0;
}

}  // namespace basislab::cli
