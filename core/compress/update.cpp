#include "update.h"

#include "../base/error.h"
#include "../base/sha256.h"
#include "../base/torch_compute.h"
#include "../calib/calibration_windows.h"
#include "../model/layer_runner.h"
#include "errors.h"

#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace basislab {
namespace {

/// Thrown by the observer once the wanted site's input is captured: the rest of the layer is not needed.
struct SiteReached {};

/// The input of `site` of layer `l` for hidden states h, running the layer only up to that site.
at::Tensor siteInput(const at::Tensor& h, const LayerWeights& w, const LlamaConfig& c, const Rope& rope, int l,
                     Site site) {
    at::Tensor x;
    try {
        (void)decoderLayer(h, w, c, rope, l, [&](int, Site s, const at::Tensor& in) {
            if (s != site) return;
            x = in;
            throw SiteReached{};
        });
    } catch (const SiteReached&) {}
    return x;
}

std::vector<MatrixType> typesAt(Site s) {
    std::vector<MatrixType> out;
    for (MatrixType t : kMatrixTypes)
        if (siteOf(t) == s) out.push_back(t);
    return out;
}

}  // namespace

at::Tensor reproduceCalibrationWindows(const LlamaModel& model, const CalibrationSettings& s,
                                       const std::string& text_path) {
    const std::string why = "the update needs the calibration windows again, but ";
    if (s.window_indices.empty())
        throw Error(why +
                    "the calibration records no window list (its windows were passed in tokenized); "
                    "calibrate from a text file");
    if (s.text_sha256.size() != 64 || s.text_sha256.find_first_not_of("0123456789abcdef") != std::string::npos)
        throw Error(why + "the calibration merges windows of several texts ('" + s.text_path +
                    "'), which cannot be reproduced");
    if (std::int64_t(s.window_indices.size()) != s.windows)
        throw Error(why + "the calibration records " + std::to_string(s.window_indices.size()) +
                    " window indices for " + std::to_string(s.windows) + " windows");
    const std::string path = text_path.empty() ? s.text_path : text_path;
    if (path.empty()) throw Error(why + "the calibration records no text file; pass it with --calib-text");
    std::string text;
    try {
        text = readUtf8File(path);
    } catch (const Error& e) {
        throw Error(why + "its text cannot be read (" + e.what() + "); pass it with --calib-text");
    }
    if (sha256Hex(text) != s.text_sha256)
        throw Error(why + "'" + path + "' is not the text it ran on (SHA-256 " + sha256Hex(text).substr(0, 12) +
                    "..., recorded " + s.text_sha256.substr(0, 12) + "...); pass that text with --calib-text");
    const std::vector<int> ids = model.requireTokenizer().encode(text);
    if (s.text_tokens > 0 && std::int64_t(ids.size()) != s.text_tokens)
        throw Error(why + "'" + path + "' gives " + std::to_string(ids.size()) + " tokens with " + model.dir() +
                    "'s tokenizer, not the " + std::to_string(s.text_tokens) + " recorded");
    return calibrationWindows(ids, s.seq_len, model.config().bos_token_id, s.window_indices);
}

double outputError(const at::Tensor& W, const at::Tensor& W_hat, const at::Tensor& G, const at::Tensor& Gp,
                   const at::Tensor& H) {
    const double energy = gramEnergy(W, G);  // ||X W||^2
    if (!(energy > 0)) return 0;
    const double cross = (at::matmul(H, W) * W_hat).sum().item<double>();  // <X W, X' W_hat>
    const double fitted = gramEnergy(W_hat, Gp);  // ||X' W_hat||^2
    return std::max(0.0, energy - 2 * cross + fitted) / energy;
}

at::Tensor updatedCoefficient(UpdateKind kind, const at::Tensor& B, const at::Tensor& W, const at::Tensor& G,
                              const at::Tensor& Gp, const at::Tensor& H, RefitShift* shift) {
    switch (kind) {
        case UpdateKind::refit: return solveCoefficient(B, G, G, W, shift);
        case UpdateKind::deviated: return solveCoefficient(B, Gp, Gp, W, shift);
        case UpdateKind::compensate: return solveCoefficient(B, Gp, H, W, shift);
        case UpdateKind::none: break;
    }
    throw Error("update: no coefficient to compute for kind none");
}

void updateCoefficients(const LlamaModel& model, const at::Tensor& ids, UpdateKind kind, CompressedTensors& tensors,
                        std::vector<LayerReport>& layers, const UpdateOptions& options, const ProgressFn& progress) {
    if (kind == UpdateKind::none) return;
    c10::InferenceMode guard;
    const LlamaConfig& c = model.config();
    if (ids.dim() != 2 || ids.scalar_type() != at::kLong || ids.size(0) < 1 || ids.size(1) < 2)
        throw Error("update: the windows must be an int64 tensor [N, L] with N >= 1 and L >= 2");
    const std::int64_t N = ids.size(0), T = ids.size(1);
    if (T > c.max_position_embeddings)
        throw Error("update: the window length " + std::to_string(T) + " exceeds max_position_embeddings " +
                    std::to_string(c.max_position_embeddings));
    const at::Device device = model.device();
    const at::ScalarType dtype = model.dtype();
    const int L = c.num_hidden_layers;

    // Where each compressed (layer, type) lives, and its report.
    std::map<std::pair<int, MatrixType>, std::pair<std::size_t, std::size_t>> where;  // -> (group, position)
    for (std::size_t gi = 0; gi < tensors.groups.size(); ++gi)
        for (std::size_t i = 0; i < tensors.groups[gi].layout.layers.size(); ++i)
            where[{tensors.groups[gi].layout.layers[i], tensors.groups[gi].layout.type}] = {gi, i};
    std::map<std::pair<int, MatrixType>, LayerReport*> report;
    for (LayerReport& lr : layers) report[{lr.layer, lr.type}] = &lr;

    // Passes: per layer, one per site with compressed matrices and one to advance both models.
    std::int64_t passes = 0;
    for (int l = 0; l < L; ++l) {
        ++passes;
        for (Site s : kSites)
            for (MatrixType t : typesAt(s))
                if (where.count({l, t})) {
                    ++passes;
                    break;
                }
    }
    ProgressReporter reporter(progress, "update", passes * N);
    std::int64_t done = 0;
    reporter.report(0, 0, 0, L, std::string(name(kind)) + ": starting");

    const std::size_t element = std::size_t(at::elementSize(dtype));
    const std::int64_t widest = std::max(c.hidden_size, c.intermediate_size);
    const std::size_t pending =
        2 * std::size_t(N * T * c.hidden_size) * element + 3 * std::size_t(widest * widest) * sizeof(double);
    std::int64_t mb =
        options.micro_batch > 0 ? options.micro_batch : waveSize(model, N, T, options.activation_budget_bytes, pending);
    // On the CPU at most kUpdateCallTokens tokens per call, so that progress (and a cancel) comes
    // at least that often: well under a second on the demo model.
    if (options.micro_batch <= 0 && !device.is_cuda())
        mb = std::min(mb, std::max<std::int64_t>(1, kUpdateCallTokens / T));
    const Rope rope = makeRope(c, T, device, dtype);
    const auto f64 = at::TensorOptions().dtype(at::kDouble).device(device);

    at::Tensor h = model.embed(ids.to(device));  // original model, [N, T, hidden]
    at::Tensor hp = h.clone();  // partly compressed model
    ProjectionOverrides updated;  // every projection updated so far, in the compute dtype
    std::map<std::size_t, at::Tensor> bases;  // group -> basis in the compute dtype, shared by its layers
    auto message = [&](int l, const std::string& what, std::int64_t w) {
        return "layer " + std::to_string(l) + " " + what + ", window " + std::to_string(w) + "/" + std::to_string(N);
    };

    for (int l = 0; l < L; ++l) {
        const auto dense = model.layer(l);
        for (Site s : kSites) {
            std::vector<MatrixType> types;
            for (MatrixType t : typesAt(s))
                if (where.count({l, t})) types.push_back(t);
            if (types.empty()) continue;
            const auto partial = model.layer(l, &updated);
            const std::int64_t d = c.siteWidth(s);
            at::Tensor G = at::zeros({d, d}, f64), Gp = at::zeros({d, d}, f64), H = at::zeros({d, d}, f64);
            for (std::int64_t w0 = 0; w0 < N; w0 += mb) {
                const std::int64_t n = std::min(mb, N - w0);
                const at::Tensor X =
                    siteInput(h.narrow(0, w0, n), *dense, c, rope, l, s).reshape({-1, d}).to(at::kDouble);
                const at::Tensor Xp =
                    siteInput(hp.narrow(0, w0, n), *partial, c, rope, l, s).reshape({-1, d}).to(at::kDouble);
                G.addmm_(X.t(), X);
                Gp.addmm_(Xp.t(), Xp);
                H.addmm_(Xp.t(), X);
                done += n;
                reporter.report(done, 0, l, L, message(l, std::string("site ") + name(s), w0 + n));
            }
            G = (G + G.t()) * 0.5;
            Gp = (Gp + Gp.t()) * 0.5;
            for (MatrixType t : types) {
                const auto [gi, i] = where.at({l, t});
                CompressedGroup& cg = tensors.groups[gi];
                const at::Tensor W = model.load(tensor_name::projection(l, t), at::kDouble, device).t().contiguous();
                const at::Tensor B = cg.basis.to(device, at::kDouble);
                const at::Tensor C0 = cg.coefficients[i].to(device, at::kDouble);
                RefitShift shift;
                const at::Tensor C = updatedCoefficient(kind, B, W, G, Gp, H, &shift);
                if (!at::isfinite(C).all().item<bool>())
                    throw Error("layer " + std::to_string(l) + ", type " + name(t) +
                                ": the update produced NaN or Inf");
                cg.coefficients[i] = C.to(cg.coefficients[i].device(), cg.coefficients[i].scalar_type());
                const at::Tensor Cs = cg.coefficients[i].to(device, at::kDouble);  // as stored
                if (LayerReport* lr = report.count({l, t}) ? report.at({l, t}) : nullptr) {
                    lr->output_error_before = outputError(W, at::matmul(B, C0), G, Gp, H);
                    lr->output_error_after = outputError(W, at::matmul(B, Cs), G, Gp, H);
                    lr->update_shift = shift.shift;
                    lr->update_shift_relative = shift.relative;
                    const LayerError e = directError(W, at::matmul(B, Cs), G);
                    lr->whitened_error = e.whitened;
                    lr->frobenius_error = e.frobenius;
                    if (options.rounded && lr->whitened_error_rounded >= 0) {
                        const at::Tensor W_hat = options.round_product
                                                     ? at::matmul(B, Cs).to(*options.rounded).to(at::kDouble)
                                                     : at::matmul(B.to(*options.rounded).to(at::kDouble),
                                                                  Cs.to(*options.rounded).to(at::kDouble));
                        lr->whitened_error_rounded = directError(W, W_hat, G).whitened;
                    }
                }
                if (!bases.count(gi)) bases[gi] = cg.basis.to(device, dtype);
                Projection p;
                p.basis = bases[gi];
                p.coefficient = cg.coefficients[i].to(device, dtype);
                updated[{l, t}] = p;
            }
        }
        // Advance both models through layer l (the compressed one with every update of the layer).
        const auto full = model.layer(l, &updated);
        for (std::int64_t w0 = 0; w0 < N; w0 += mb) {
            const std::int64_t n = std::min(mb, N - w0);
            at::Tensor a = h.narrow(0, w0, n), b = hp.narrow(0, w0, n);
            a.copy_(decoderLayer(a, *dense, c, rope, l));
            b.copy_(decoderLayer(b, *full, c, rope, l));
            done += n;
            reporter.report(done, 0, l, L, message(l, "output", w0 + n));
        }
    }
}

}  // namespace basislab
