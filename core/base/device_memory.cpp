#include "device_memory.h"

#include "error.h"

#include <algorithm>
#include <cstdio>

namespace basislab {

ModelFootprint modelFootprint(const LlamaConfig& c, std::size_t element_bytes) {
    const std::size_t hidden = std::size_t(c.hidden_size), vocab = std::size_t(c.vocab_size);
    ModelFootprint f;
    const std::size_t head = c.tie_word_embeddings ? 0 : vocab * hidden;
    f.fixed_bytes = (vocab * hidden + hidden + head) * element_bytes;
    std::size_t per_layer = 2 * hidden;  // the two RMSNorm weights
    for (MatrixType t : kMatrixTypes) per_layer += std::size_t(c.dIn(t)) * std::size_t(c.dOut(t));
    f.layer_bytes = per_layer * element_bytes;
    f.layers = c.num_hidden_layers;
    return f;
}

std::string formatBytes(std::size_t bytes) {
    char out[32];
    const double b = double(bytes);
    if (b >= double(1ull << 30))
        std::snprintf(out, sizeof out, "%.1f GiB", b / double(1ull << 30));
    else
        std::snprintf(out, sizeof out, "%.0f MiB", b / double(1ull << 20));
    return out;
}

ResidencyPlan planResidency(const ModelFootprint& model, const DeviceMemory& memory, std::size_t working_set_bytes,
                            const std::string& device, const ResidencyOptions& options) {
    if (options.staging_layers < 1) throw Error("the staging ring needs at least one layer");
    const std::size_t reserve =
        std::max(options.reserve_min_bytes, std::size_t(double(memory.free_bytes) * options.reserve_fraction));
    ResidencyPlan plan;
    plan.usable_bytes = memory.free_bytes > reserve ? memory.free_bytes - reserve : 0;
    const std::size_t all = model.totalBytes();
    if (all + working_set_bytes + options.min_wave_bytes <= plan.usable_bytes) {
        plan.resident = true;
        plan.weight_bytes_on_device = all;
        plan.work_bytes = plan.usable_bytes - all - working_set_bytes;
        plan.reason = "weights resident on " + device + ": " + formatBytes(all) + " of weights + " +
                      formatBytes(working_set_bytes) + " working set fit " + formatBytes(plan.usable_bytes) +
                      " usable of " + formatBytes(memory.free_bytes) + " free";
        return plan;
    }
    const int ring = std::min(options.staging_layers, std::max(model.layers, 1));
    const std::size_t streamed = model.fixed_bytes + model.layer_bytes * std::size_t(ring);
    if (streamed + working_set_bytes + options.min_wave_bytes > plan.usable_bytes)
        throw Error("the model does not fit on " + device + ": streamed it needs " + formatBytes(streamed) +
                    " of weights (embedding, head and a ring of " + std::to_string(ring) + " layers) + " +
                    formatBytes(working_set_bytes) + " working set + " + formatBytes(options.min_wave_bytes) +
                    " for one wave, but only " + formatBytes(plan.usable_bytes) + " of " +
                    formatBytes(memory.free_bytes) + " free are usable (fewer windows or a smaller dtype help)");
    plan.resident = false;
    plan.staging_layers = ring;
    plan.weight_bytes_on_device = streamed;
    plan.work_bytes = plan.usable_bytes - streamed - working_set_bytes;
    plan.reason = "weights streamed on " + device + " through a ring of " + std::to_string(ring) +
                  " layers: " + formatBytes(all) + " of weights + " + formatBytes(working_set_bytes) +
                  " working set exceed " + formatBytes(plan.usable_bytes) + " usable of " +
                  formatBytes(memory.free_bytes) + " free";
    return plan;
}

std::int64_t planWave(std::size_t available_bytes, std::size_t bytes_per_window, std::int64_t windows,
                      std::int64_t max_windows) {
    if (windows < 1) return 1;
    std::int64_t n = bytes_per_window > 0 ? std::int64_t(available_bytes / bytes_per_window) : windows;
    if (max_windows > 0) n = std::min(n, max_windows);
    return std::clamp<std::int64_t>(n, 1, windows);
}

std::size_t layerWindowBytes(const LlamaConfig& c, std::int64_t seq_len, std::size_t element_bytes) {
    const double T = double(seq_len), e = double(element_bytes);
    const double hidden = double(c.hidden_size), inter = double(c.intermediate_size);
    const double heads = double(c.num_attention_heads);
    const double scores = 4.0 * heads * T * T * 2.0;  // float32 scores and probabilities
    const double attention = e * T * hidden * 7.0;  // normed x, q, k, v, two rotary temporaries, output
    const double mlp = e * T * inter * 4.0;  // gate, up, silu(gate), their product
    const double gram_rows = 8.0 * T * std::max(hidden, inter);  // float64 copy of the widest site input
    return std::size_t(scores + attention + mlp + gram_rows);
}

std::size_t calibrationWorkingSetBytes(const LlamaConfig& c, std::int64_t windows, std::int64_t seq_len,
                                       std::size_t element_bytes) {
    const std::size_t hidden = std::size_t(c.hidden_size), inter = std::size_t(c.intermediate_size);
    const std::size_t attn_out = std::size_t(c.num_attention_heads) * std::size_t(c.head_dim);
    const std::size_t states = std::size_t(windows) * std::size_t(seq_len) * hidden * element_bytes;
    std::size_t grams = 0;
    for (const std::size_t d : {hidden, attn_out, hidden, inter}) grams += 8 * (d * d + 2 * d);
    return states + grams;
}

}  // namespace basislab
