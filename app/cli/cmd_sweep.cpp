// sweep: a grid of compression plans, each compressed and evaluated; one CSV row per run (and an
// optional booktabs table of perplexities).
#include "commands.h"
#include "common.h"
#include "compress_args.h"
#include "dist_args.h"
#include "eval_args.h"

#include "api/session_file.h"
#include "base/atomic_file.h"
#include "base/error.h"
#include "base/sha256.h"
#include "calib/store.h"
#include "compress/compress.h"
#include "compress/compressed_tensors.h"
#include "eval/perplexity.h"
#include "eval/zeroshot.h"
#include "model/fingerprint.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
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
    std::vector<Allocation> allocations;
    for (const std::string& a : splitList(args.get("allocations", "uniform"))) {
        const auto allocation = parseAllocation(a);
        if (!allocation) throw Error("--allocations: unknown allocation '" + a + "' (uniform, error)");
        if (std::find(allocations.begin(), allocations.end(), *allocation) != allocations.end())
            throw Error("--allocations: '" + a + "' is listed twice");
        allocations.push_back(*allocation);
    }
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
    // The update, then the allocation, are the innermost dimensions: the variants of one plan are
    // adjacent rows.
    std::vector<Run> out;
    for (const Run& r : runs)
        for (UpdateKind u : updates)
            for (Allocation a : allocations) {
                Run v = r;
                v.plan.setUpdate(u);
                v.plan.allocation = a;
                v.plan.validate();
                out.push_back(std::move(v));
            }
    return out;
}

std::string csv(const std::vector<Row>& rows, double dense_ppl, const Measures& m) {
    std::ostringstream s;
    s << "method,ratio,group_size,alpha,shared,refit,achieved_ratio,achieved_ratio_model,ppl,mean_whitened_error";
    for (MatrixType t : kMatrixTypes) s << ",whitened_error_" << name(t);
    // Later additions go at the end of the row, so older scripts keep their column numbers.
    const bool zeroshot = !m.task_names.empty();
    // allocation, ranks (every group's "q0=12 q1=10 ..."), params (stored in the compressed matrices),
    // allocation_objective (sum of squared relative whitened errors, -1 for uniform: not computed).
    // update, mean_output_error_before/after (empty without a streamed update), update_seconds; then the
    // zero-shot columns, present only with tasks, last.
    s << ",cholesky_shifts,compress_seconds,eval_seconds,protocol,allocation,ranks,params,allocation_objective"
      << ",update,mean_output_error_before,mean_output_error_after,update_seconds"
      << (zeroshot ? zeroShotCsvHeader(m.task_names) : "") << "\n";
    s << "dense,0,-,-,-,0,0,0," << fixed(dense_ppl, 6) << ",0,0,0,0,0,0,0,0,0,0,0," << name(m.protocol)
      << ",-,-,0,0,-,,,0" << (zeroshot ? zeroShotCsvCells(m.dense_zeroshot) : "") << "\n";
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
          << "," << name(rep.plan.allocation) << "," << rep.ranksText() << "," << rep.stored_params << ","
          << (rep.allocation.objective >= 0 ? fixed(rep.allocation.objective, 6) : "-1") << ","
          << name(rep.plan.updateKind()) << ","
          << (rep.plan.streamsUpdate() ? fixed(rep.meanOutputError(false), 6) : "") << ","
          << (rep.plan.streamsUpdate() ? fixed(rep.meanOutputError(true), 6) : "") << ","
          << fixed(rep.update_seconds, 3) << (zeroshot ? zeroShotCsvCells(r.zeroshot) : "") << "\n";
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
                                                         : std::string()) +
            (r.run.plan.allocation != Allocation::uniform
                 ? std::string(" + ") + name(r.run.plan.allocation) + " allocation"
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

/// The CSV line of one row (csv() without its header and dense line).
std::string csvLine(const Row& row, const Measures& m) {
    const std::string all = csv({row}, 0, m);
    std::size_t p = all.find('\n');
    p = all.find('\n', p + 1);
    return all.substr(p + 1);
}

/// A distributed sweep's rows: run i is rank (i mod W)'s; each rank publishes "<ppl>\n<CSV line>"
/// per finished run, rank 0 merges them in the single-process order.
struct MergedRows {
    std::vector<std::optional<std::string>> lines;  // the CSV line of each finished run
    std::vector<std::optional<Row>> rows;  // its row: latex() needs the run and the ppl

    explicit MergedRows(std::size_t runs) : lines(runs), rows(runs) {}
    std::size_t finished() const {
        return std::size_t(std::count_if(lines.begin(), lines.end(), [](const auto& l) { return l.has_value(); }));
    }
    /// The CSV: header and dense line from `head_csv` (csv() of no rows), then the finished runs.
    std::string csvText(const std::string& head_csv) const {
        std::string s = head_csv;
        for (const auto& l : lines)
            if (l) s += *l;
        return s;
    }
    std::vector<Row> finishedRows() const {
        std::vector<Row> out;
        for (const auto& r : rows)
            if (r) out.push_back(*r);
        return out;
    }
};

std::string publishedRow(const Row& row, const std::string& line) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g\n", row.ppl);
    return buf + line;
}

}  // namespace

int runSweep(const Argv& argv) {
    // The grid options replace --method, --ratio, --group-size, --alpha and --share.
    const Args args(argv, merge({"quiet"}, planFlagNames()),
                    merge(merge(merge({"model", "calib", "methods", "ratios", "group-sizes", "alphas", "share-sets",
                                       "types", "asvd-exponent", "solver", "allocations", "eval-text", "zeroshot-tasks",
                                       "out", "latex", "updates", "calib-text"},
                                      perplexityOptionNames()),
                                computeOptionNames()),
                          launchOptionNames()));
    const std::vector<Run> runs = grid(args);
    const CompressOptions options = compressOptionsFromArgs(args);
    const std::string out = args.require("out");
    const PerplexityOptions po = perplexityOptionsFromArgs(args);
    Measures measures;
    measures.protocol = po.protocol;
    const std::vector<std::string> tasks =
        args.has("zeroshot-tasks") ? taskPathsFromArgs(args, "zeroshot-tasks") : std::vector<std::string>{};
    const dist::LaunchConfig launch = launchFromArgs(args);
    ModelOptions mo;
    mo.compute = computeOptions(args);
    mo.compute.device = dist::deviceForRank(mo.compute.device, launch);

    // Distributed: run i is rank (i mod W)'s; rank 0 computes the dense reference, merges every
    // rank's rows in the single-process order and writes the CSV and the LaTeX table.
    DistRun dist(launch);
    return dist.run([&] {
        const int me = dist.rank(), world = dist.size();
        const auto model = LlamaModel::open(args.require("model"), mo);
        const ModelIdentity identity = modelIdentity(model->dir(), model->config(), model->checkpoint());
        const auto calibration = openCalibration(args.require("calib"), &identity);
        const auto& tokenizer = model->requireTokenizer();
        const std::string eval_text = readUtf8File(args.require("eval-text"));
        const std::vector<int> ids = tokenizer.encode(eval_text);
        const bool quiet = args.flag("quiet");
        if (dist.distributed()) {
            std::string plans, task_hashes;
            for (const Run& r : runs)
                plans += r.plan.describe() + "|" + r.group_size + "|" + r.alpha + "|" + r.shared + ";";
            for (const std::string& t : tasks) task_hashes += sha256File(t) + ",";
            dist.agree({{"model config sha256", identity.config_sha256},
                        {"model weights fingerprint", identity.weights_fingerprint},
                        {"calibration", api::calibrationIdentity(calibration->summary())},
                        {"evaluation text sha256", sha256Hex(eval_text)},
                        {"protocol", std::string(name(po.protocol)) + " window " + std::to_string(po.window) +
                                         " max windows " + std::to_string(po.max_windows)},
                        {"grid", std::to_string(runs.size()) + " runs, sha256 " + sha256Hex(plans)},
                        {"zero-shot tasks", task_hashes},
                        {"compute dtype", mo.compute.dtype}},
                       "sweep inputs");
        }
        double dense_ppl = 0;
        if (me == 0) {
            dense_ppl = perplexity(*model, ids, po, dist.progress(stderrProgress(true))).ppl;
            if (!tasks.empty()) {
                measures.dense_zeroshot =
                    zeroShotResults(zeroShot(*model, tasks, {}, dist.progress(stderrProgress(quiet))));
                for (const ZeroShotTaskResult& t : measures.dense_zeroshot) measures.task_names.push_back(t.task);
            }
            std::fprintf(stderr, "sweep: %zu runs%s; dense ppl %.4f (protocol %s)\n", runs.size(),
                         world > 1 ? (" on " + std::to_string(world) + " processes").c_str() : "", dense_ppl,
                         name(po.protocol));
        }
        MergedRows merged(runs.size());
        const std::string head = me == 0 ? csv({}, dense_ppl, measures) : std::string();
        const auto key = [](std::size_t i) { return "sweep-row-" + std::to_string(i); };
        // Rank 0 takes the other ranks' finished rows (waiting for all of them when `wait`).
        const auto collect = [&](bool wait) {
            for (std::size_t i = 0; i < runs.size(); ++i) {
                const int owner = int(i % std::size_t(world));
                if (owner == 0 || merged.lines[i]) continue;
                const std::optional<std::string> v =
                    wait ? std::optional<std::string>(dist.group().awaitPublished(owner, key(i)))
                         : dist.group().tryPublished(owner, key(i));
                if (!v) continue;
                const auto nl = v->find('\n');
                Row row;
                row.run = runs[i];
                row.ppl = std::stod(v->substr(0, nl));
                merged.rows[i] = row;
                merged.lines[i] = v->substr(nl + 1);
            }
        };
        const auto incomplete = [&] {
            return " (" + out + " keeps " + std::to_string(merged.finished()) + " of " + std::to_string(runs.size()) +
                   " runs: incomplete)";
        };
        const ProgressFn progress = dist.progress(stderrProgress(true));
        try {
            for (std::size_t i = 0; i < runs.size(); ++i) {
                if (int(i % std::size_t(world)) != me) continue;
                if (interrupted()) throw Cancelled();
                Row row;
                row.run = runs[i];
                const CompressedModel c = compress(*model, *calibration, runs[i].plan, options, progress);
                const ProjectionOverrides overrides = overridesOf(c, *model);
                const PerplexityResult p = perplexity(*model, ids, po, progress, &overrides);
                row.report = c.report;
                row.ppl = p.ppl;
                row.eval_seconds = p.seconds;
                if (!tasks.empty()) {
                    row.zeroshot = zeroShotResults(zeroShot(*model, tasks, {}, progress, &overrides));
                    if (measures.task_names.empty())  // ranks other than 0 name the tasks from their rows
                        for (const ZeroShotTaskResult& t : row.zeroshot) measures.task_names.push_back(t.task);
                }
                std::string line = csvLine(row, measures);
                if (me != 0) dist.group().publish(key(i), publishedRow(row, line));
                merged.lines[i] = std::move(line);
                merged.rows[i] = std::move(row);
                if (!quiet)
                    std::fprintf(stderr, "[%zu/%zu] %-60s ppl %.4f  ratio %.4f  (%.1f s + %.1f s)\n", i + 1,
                                 runs.size(), runs[i].plan.describe().c_str(), p.ppl, c.report.achieved_ratio,
                                 c.report.seconds, p.seconds);
                if (me == 0) {
                    if (dist.distributed()) collect(false);
                    writeFileAtomically(out, merged.csvText(head));  // partial results survive an interruption
                }
            }
            if (me == 0 && dist.distributed()) {
                collect(true);
                writeFileAtomically(out, merged.csvText(head));
            }
        } catch (const dist::GroupError& e) {
            if (me != 0) throw;
            writeFileAtomically(out, merged.csvText(head));
            throw dist::GroupError(e.what() + incomplete());
        } catch (const Cancelled&) {
            throw;
        } catch (const Error& e) {
            if (me != 0 || !dist.distributed()) throw;
            writeFileAtomically(out, merged.csvText(head));
            throw Error(e.what() + incomplete());
        }
        if (dist.distributed()) dist.group().barrier("the end of the sweep");
        if (me != 0) {
            std::printf("rank %d of %d: %zu runs done; rank 0 wrote %s\n", me, world, merged.finished(), out.c_str());
            return 0;
        }
        if (args.has("latex")) writeFileAtomically(args.require("latex"), latex(merged.finishedRows(), dense_ppl));
        std::printf("%zu runs written to %s\n", merged.finished(), out.c_str());
        return 0;
    });
}

}  // namespace basislab::cli
