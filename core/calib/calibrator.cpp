#include "calibrator.h"

#include "../base/device_memory.h"
#include "../base/error.h"
#include "../base/sha256.h"
#include "../base/torch_compute.h"
#include "../model/fingerprint.h"
#include "../model/layer_runner.h"
#include "calibration_windows.h"
#include "fisher.h"
#include "site_accumulator.h"

#include <chrono>
#include <limits>

namespace basislab {
namespace {

using Clock = std::chrono::steady_clock;

/// The Gram pass and the Fisher pass over ids [N, L]; `settings` has the text fields filled in.
CalibrationSummary run(const LlamaModel& model, const at::Tensor& ids, const CalibrationOptions& options,
                       CalibrationSettings settings, CalibrationSink& sink, const ProgressFn& progress,
                       Clock::time_point start) {
    const LlamaConfig& c = model.config();
    if (ids.dim() != 2 || ids.scalar_type() != at::kLong)
        throw Error("calibration windows must be an int64 tensor [N, L], got " + std::to_string(ids.dim()) +
                    " dimensions of " + dtypeName(ids.scalar_type()));
    const std::int64_t N = ids.size(0), L = ids.size(1);
    if (N < 1) throw Error("calibration needs at least one window");
    if (L < 2) throw Error("the calibration window length must be at least 2 tokens, got " + std::to_string(L));
    if (L > c.max_position_embeddings)
        throw Error("the calibration window length " + std::to_string(L) + " exceeds max_position_embeddings " +
                    std::to_string(c.max_position_embeddings) + " of " + model.dir());
    const int layers = c.num_hidden_layers;
    const CalibrationShard& shard = options.shard;
    if (shard.distributed() && (shard.rank < 0 || shard.rank >= shard.world_size))
        throw Error("calibration rank " + std::to_string(shard.rank) + " is outside 0.." +
                    std::to_string(shard.world_size - 1));
    if (N < shard.world_size)
        throw Error(std::to_string(N) + " calibration windows cannot be split between " +
                    std::to_string(shard.world_size) + " processes: give at least one window per process");

    CalibrationSummary summary;
    summary.model = modelIdentity(model.dir(), c, model.checkpoint());
    settings.windows = int(N);
    settings.seq_len = int(L);
    settings.device = model.device().str();
    settings.dtype = dtypeName(model.dtype());
    settings.fisher = options.fisher;
    settings.gram_accumulation = name(options.gram_accumulation);
    summary.settings = std::move(settings);
    summary.layers = layers;
    summary.tokens = N * L;
    summary.sites.resize(std::size_t(layers) * kSites.size());
    summary.settings.world_size = shard.world_size;
    const bool writes = shard.rank == 0;  // statistics and sink: rank 0 only
    if (shard.distributed()) {
        // Refuse mismatched inputs before any window runs: every rank describes its run.
        const at::Tensor flat = ids.to(at::kCPU).contiguous();
        const std::string ids_sha =
            sha256Hex(std::string_view(reinterpret_cast<const char*>(flat.data_ptr<std::int64_t>()),
                                       std::size_t(flat.numel()) * sizeof(std::int64_t)));
        const CalibrationSettings& st = summary.settings;
        if (shard.agree)
            shard.agree({{"model config sha256", summary.model.config_sha256},
                         {"model weights fingerprint", summary.model.weights_fingerprint},
                         {"text sha256", st.text_sha256},
                         {"windows", std::to_string(N)},
                         {"window length", std::to_string(L)},
                         {"window tokens sha256", ids_sha},
                         {"compute dtype", st.dtype},
                         {"Gram accumulation", st.gram_accumulation},
                         {"Fisher diagonals", st.fisher ? "yes" : "no"},
                         {"path", options.path == CalibrationOptions::Path::Streamed ? "streamed" : "whole-model"}});
    }
    // This rank's windows: all of them alone, its block when distributed.
    const auto [share_begin, share_end] = windowShare(N, shard.rank, shard.world_size);
    const at::Tensor share = ids.narrow(0, share_begin, share_end - share_begin);
    const std::int64_t n_share = share.size(0);

    // Progress units: per layer, one per window and one per site's statistics.
    const std::int64_t per_layer = n_share + std::int64_t(kSites.size());
    ProgressReporter reporter(progress, "calibrate", per_layer * layers);
    std::int64_t window_layers = 0;  // windows run through a layer so far, for tokens/s
    auto tokensDone = [&] { return window_layers * L / layers; };
    auto windowMessage = [&](std::int64_t w) {
        return "window " + std::to_string(w) + "/" + std::to_string(n_share) +
               (shard.distributed() ? " of rank " + std::to_string(shard.rank) : std::string());
    };
    reporter.report(0, 0, 0, layers, windowMessage(0));
    const at::Device device = model.device();
    const std::size_t element_bytes = std::size_t(at::elementSize(model.dtype()));
    // On CUDA the wave is sized from the free device memory, less the hidden states and Grams
    // still to be allocated; on the CPU from activation_budget_bytes as before.
    const bool streamed = options.path == CalibrationOptions::Path::Streamed;
    const std::size_t layer_grams = calibrationWorkingSetBytes(c, 0, L, element_bytes);
    const std::size_t pending =
        streamed ? calibrationWorkingSetBytes(c, n_share, L, element_bytes) : layer_grams * std::size_t(layers);
    const std::int64_t micro_batch = options.micro_batch > 0
                                         ? options.micro_batch
                                         : waveSize(model, n_share, L, options.activation_budget_bytes, pending);
    // On CUDA one Gram update takes the whole wave (one matrix product per site); the wave's size
    // already counts the float64 copy of its widest input.
    std::size_t row_budget = options.row_budget_bytes;
    if (device.is_cuda())
        row_budget = std::max(
            row_budget, std::size_t(micro_batch * L) * std::size_t(std::max(c.hidden_size, c.intermediate_size)) * 8);

    auto newAccumulators = [&](int l, std::vector<SiteAccumulator>& out) {
        for (Site s : kSites) out.emplace_back(l, s, c.siteWidth(s), device, row_budget, options.gram_accumulation);
    };
    std::int64_t sites_done = 0;
    auto finishSite = [&](SiteAccumulator& acc) {
        if (shard.distributed()) acc.allReduce(shard.all_reduce);  // the sums of all N windows
        if (!writes) {
            ++sites_done;
            reporter.report(window_layers + sites_done, tokensDone(), acc.layer(), layers, "all-reduced");
            return;
        }
        StatisticsOptions so;
        so.spectrum_max_width = options.spectrum_max_width;
        so.poll = [&] { reporter.poll(); };
        SiteStatistics stats =
            siteStatistics(acc.layer(), acc.site(), acc.tokens(), acc.gram(), acc.sumAbs(), acc.sumSq(), so);
        sink.site(stats, acc.gram().cpu());
        const int l = acc.layer();
        ++sites_done;
        reporter.report(window_layers + sites_done, tokensDone(), l, layers,
                        std::string("statistics of ") + name(acc.site()));
        summary.sites[std::size_t(l) * kSites.size() + std::size_t(acc.site())] = std::move(stats);
    };

    {
        at::NoGradGuard no_grad;
        if (streamed) {
            std::vector<SiteAccumulator> acc;  // the current layer's four sites
            newAccumulators(0, acc);
            std::int64_t done_in_layer = 0;
            // Cancel points at every site and between the row blocks of its Gram update: at
            // Llama2-7B width a micro-batch of one 2048-token window is 10-15 s of CPU work.
            const std::function<void()> poll = [&] { reporter.poll(); };
            const SiteObserver observe = [&](int l, Site s, const at::Tensor& x) {
                reporter.poll();
                acc[std::size_t(s)].add(x, poll);
                if (s != Site::down_in) return;
                done_in_layer += x.size(0);
                window_layers += x.size(0);
                reporter.report(window_layers + sites_done, tokensDone(), l, layers, windowMessage(done_in_layer));
            };
            at::Tensor h = model.embed(share);  // [n_share, L, hidden]
            LayerRunOptions run_options;
            run_options.micro_batch = micro_batch;
            runLayers(model, h, run_options, observe, nullptr, [&](int l) {
                for (SiteAccumulator& a : acc) finishSite(a);
                acc.clear();
                done_in_layer = 0;
                if (l + 1 < layers) newAccumulators(l + 1, acc);
            });
        } else {
            std::vector<SiteAccumulator> acc;  // every layer's sites, layer-major
            for (int l = 0; l < layers; ++l) newAccumulators(l, acc);
            std::int64_t windows_done = 0;
            for (std::int64_t w0 = 0; w0 < n_share; w0 += micro_batch) {
                const std::int64_t n = std::min(micro_batch, n_share - w0);
                const SiteObserver observe = [&](int l, Site s, const at::Tensor& x) {
                    reporter.poll();
                    acc[std::size_t(l) * kSites.size() + std::size_t(s)].add(x, [&] { reporter.poll(); });
                    if (s != Site::down_in) return;
                    window_layers += n;  // units: the N * layers window units first, statistics last
                    reporter.report(window_layers, tokensDone(), l, layers, windowMessage(windows_done + n));
                };
                (void)forward(model, share.narrow(0, w0, n), observe);  // logits [n, L, vocab], not needed
                windows_done += n;
            }
            for (SiteAccumulator& a : acc) finishSite(a);
        }
    }

    if (options.fisher) {
        for (auto& [key, F] : fisherDiagonals(model, share, progress)) {
            if (shard.distributed()) {  // summed over the ranks in float64, kept in float32
                std::vector<at::Tensor> sum{F.to(at::kDouble)};
                shard.all_reduce(sum,
                                 "the Fisher diagonal of layer " + std::to_string(key.first) + ", " + name(key.second));
                F = sum[0].to(at::kFloat);
            }
            if (writes) sink.fisher(key.first, key.second, F);
        }
    }
    summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return summary;
}

}  // namespace

CalibrationSummary calibrateWindowsInto(const LlamaModel& model, const at::Tensor& ids,
                                        const CalibrationOptions& options, CalibrationSink& sink,
                                        const ProgressFn& progress) {
    return run(model, ids, options, {}, sink, progress, Clock::now());
}

CalibrationSummary calibrateInto(const LlamaModel& model, const CalibrationOptions& options, CalibrationSink& sink,
                                 const ProgressFn& progress) {
    const auto start = Clock::now();
    const LlamaConfig& c = model.config();
    if (options.windows <= 0)
        throw Error("the number of calibration windows must be positive, got " + std::to_string(options.windows));
    if (options.seq_len < 2)
        throw Error("the calibration window length must be at least 2 tokens, got " + std::to_string(options.seq_len));
    if (options.seq_len > c.max_position_embeddings)
        throw Error("the calibration window length " + std::to_string(options.seq_len) +
                    " exceeds max_position_embeddings " + std::to_string(c.max_position_embeddings) + " of " +
                    model.dir());
    if (options.shuffle_seed && *options.shuffle_seed > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
        throw Error("the shuffle seed must be below 2^63, got " + std::to_string(*options.shuffle_seed));
    const Tokenizer& tokenizer = model.requireTokenizer();
    const std::string text = readUtf8File(options.text_path);
    const std::vector<int> text_ids = tokenizer.encode(text);

    CalibrationSettings settings;
    settings.text_path = options.text_path;
    settings.text_sha256 = sha256Hex(text);
    settings.text_tokens = std::int64_t(text_ids.size());
    settings.shuffle_seed = options.shuffle_seed;
    const std::int64_t available = std::int64_t(text_ids.size()) / (options.seq_len - 1);
    if (available < options.windows)
        throw Error("'" + options.text_path + "' has " + std::to_string(text_ids.size()) + " tokens, " +
                    std::to_string(available) + " windows of " + std::to_string(options.seq_len - 1) +
                    " tokens + BOS, fewer than the " + std::to_string(options.windows) + " requested");
    settings.window_indices = selectWindows(available, options.windows, options.shuffle_seed);
    const at::Tensor ids = calibrationWindows(text_ids, options.seq_len, c.bos_token_id, settings.window_indices);
    return run(model, ids, options, std::move(settings), sink, progress, start);
}

std::shared_ptr<InMemoryCalibration> calibrate(const LlamaModel& model, const CalibrationOptions& options,
                                               const ProgressFn& progress) {
    InMemorySink sink;
    CalibrationSummary summary = calibrateInto(model, options, sink, progress);
    return sink.finish(std::move(summary));
}

std::shared_ptr<InMemoryCalibration> calibrateWindows(const LlamaModel& model, const at::Tensor& ids,
                                                      const CalibrationOptions& options, const ProgressFn& progress) {
    InMemorySink sink;
    CalibrationSummary summary = calibrateWindowsInto(model, ids, options, sink, progress);
    return sink.finish(std::move(summary));
}

}  // namespace basislab
