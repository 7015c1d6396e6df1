// A compression plan: what to compress and how. Torch-free (the GUI shows and edits it).
//
// Conventions (as in names.h): a projection weight as Hugging Face stores it is (d_out x d_in);
// the papers and this module use W = weight^T (d_in x d_out, y = x W). G_l = X_l^T X_l is the raw
// Gram of layer l's site input (calib/calibration.h).
//
// Methods (every one is the same factorization, core/compress/factorize.h, with a different left
// metric S and right weights D):
//   svd            S = I                                   truncated SVD of W
//   asvd           S = diag((mean |x|)^a), a = 0.5         ASVD (Yuan et al. 2023)
//   fwsvd          S = I, D = diag(w), w_i = sqrt(sum_j F_ij) over the HF row i (Hsu et al. 2022)
//   svd-llm        S^T S = G_l (Cholesky)                  SVD-LLM (Wang et al. 2024)
//   basis-sharing  S^T S = sum_l alpha_l G_l over a group of consecutive layers, one SVD of
//                  S [W_1 ... W_n]; shared basis B = S^-1 U_k Sigma_k, C_l = block l of V_k^T
//                  (Wang et al. 2024, "Basis Sharing"); types not shared use n = 1 (= svd-llm).
//
// Rank of a group of n matrices d_in x d_out at ratio r (Basis Sharing's formula; n = 1 is
// SVD-LLM's): k = floor(d_in d_out n (1 - r) / (d_in + d_out n)), clamped to [1, min(d_in, n' d_out)]
// where n' is the group's actual size (the remainder group at the end keeps the k of size n).
#pragma once

#include "../model/config.h"
#include "../model/names.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace basislab {

enum class Method { svd, asvd, fwsvd, svd_llm, basis_sharing };
inline constexpr std::array<Method, 5> kMethods = {Method::svd, Method::asvd, Method::fwsvd, Method::svd_llm,
                                                   Method::basis_sharing};
/// "svd", "asvd", "fwsvd", "svd-llm", "basis-sharing"
const char* name(Method method);
std::optional<Method> parseMethod(std::string_view text);
/// True when the method needs calibration Grams to build its metric (svd-llm, basis-sharing).
bool whitens(Method method);

/// A per-layer scale measure of the site Gram G_l. All three scale like c^2 when the layer's
/// input is multiplied by c.
enum class ScaleMeasure { trace, fro, max_eig };
const char* name(ScaleMeasure measure);  // "trace", "fro", "max-eig"

/// How the layers of a shared group are weighted in the group's Gram G = sum_l alpha_l G_l
/// ("input scale calibration"). Only ratios between the alpha_l of a group matter; they are
/// normalised to mean 1 within each group and reported.
///   none            alpha_l = 1 (plain Basis Sharing)
///   inv-trace       1 / tr G_l
///   inv-fro         1 / ||G_l||_F
///   inv-max-eig     1 / lambda_max(G_l)
///   inv-sqrt-trace  1 / sqrt(tr G_l)
///   power:p         tr(G_l)^-p
///   inv-output      1 / tr(W_l^T G_l W_l), the layer's output energy (per matrix type)
///   normalised[:m]  scale-normalised: s_l = sqrt(m(G_l) / tokens) (m = trace by default, or fro,
///                   max-eig); G = sum_l G_l / s_l^2, SVD of S [s_1 W_1 ... s_n W_n],
///                   C_l = (block l of V_k^T) / s_l. Invariant to a per-layer rescaling of the
///                   input (RMSNorm weight x c_l, projection / c_l).
struct AlphaForm {
    enum class Kind { none, inv_trace, inv_fro, inv_max_eig, inv_sqrt_trace, power, inv_output, normalised };
    Kind kind = Kind::none;
    double p = 1;  // power:p
    ScaleMeasure measure = ScaleMeasure::trace;  // normalised:m

    /// The canonical text: "none", "inv-trace", "power:0.75", "normalised", "normalised:fro", ...
    std::string text() const;
    /// Parses the text form; throws Error naming `option` (e.g. "--alpha") when it is not valid.
    static AlphaForm parse(std::string_view text, const std::string& option = "--alpha");
    /// True when alpha depends on the weights, not only on the Gram (inv-output).
    bool dependsOnWeights() const { return kind == Kind::inv_output; }
    bool operator==(const AlphaForm& o) const { return kind == o.kind && p == o.p && measure == o.measure; }
    bool operator!=(const AlphaForm& o) const { return !(*this == o); }
};

/// One entry of the list of alpha forms the front ends offer (the GUI wraps label and
/// explanation in tr()). `id` is what AlphaForm::parse accepts ("power:p" stands for power:<p>).
struct AlphaFormInfo {
    std::string id;
    std::string label;
    std::string explanation;  // one line of English
};
const std::vector<AlphaFormInfo>& alphaForms();

/// Why sharing o or down needs care (shown next to the choice); empty for the other types.
std::string sharingCaveat(MatrixType type);

enum class SvdSolver {
    automatic,  // gram when n d_out >= 2 d_in (a wide concatenation), else direct
    direct,  // thin SVD of S [W_1 ... W_n] (LAPACK gesdd through at::linalg_svd)
    gram,  // eigendecomposition of the d_in x d_in matrix (S W)(S W)^T
};
const char* name(SvdSolver solver);
std::optional<SvdSolver> parseSvdSolver(std::string_view text);

/// How the parameter budget is spread over the groups (allocation.h, docs/compression.md):
///   uniform  every group of a type gets the rank of the formula below (Basis Sharing's plan)
///   error    ranks chosen per group (every type, shared or private) to minimise the summed
///            relative whitened error under the uniform plan's parameter count
enum class Allocation { uniform, error };
const char* name(Allocation allocation);  // "uniform", "error"
std::optional<Allocation> parseAllocation(std::string_view text);
/// How the coefficients C_l are fitted once a group's basis B is fixed (docs/compression.md,
/// "Updates"). X_l are a site's original inputs, X'_l its inputs with every projection before it
/// compressed; G_l = X_l^T X_l, G'_l = X'_l^T X'_l, H_l = X'_l^T X_l.
///   none        the factorization's own coefficients
///   refit       C_l = (B^T G_l B)^-1 B^T G_l W_l (the stored Grams; CompressionPlan::refit)
///   deviated    C_l = (B^T G'_l B)^-1 B^T G'_l W_l (SVD-LLM's update; streams the windows again)
///   compensate  C_l = (B^T G'_l B)^-1 B^T H_l W_l, aims at the original outputs X_l W_l
enum class UpdateKind { none, refit, deviated, compensate };
inline constexpr std::array<UpdateKind, 4> kUpdateKinds = {UpdateKind::none, UpdateKind::refit, UpdateKind::deviated,
                                                           UpdateKind::compensate};
const char* name(UpdateKind kind);  // "none", "refit", "deviated", "compensate"
std::optional<UpdateKind> parseUpdateKind(std::string_view text);
/// One line of English per kind (the front ends show it next to the choice).
std::string updateExplanation(UpdateKind kind);

struct CompressionPlan {
    Method method = Method::basis_sharing;
    double ratio = 0.4;  // r in [0, 1): fraction of the compressed matrices' parameters removed
    std::vector<MatrixType> types{kMatrixTypes.begin(), kMatrixTypes.end()};  // matrices compressed
    std::vector<MatrixType> shared{MatrixType::q, MatrixType::k, MatrixType::v, MatrixType::gate, MatrixType::up};
    std::array<int, 7> group_size{2, 2, 2, 2, 2, 2, 2};  // per type (kMatrixTypes order), shared types only
    AlphaForm alpha;
    bool refit = false;  // refit C_l = (B^T G_l B)^-1 B^T G_l W_l with the basis fixed
    /// deviated or compensate: the streamed update (compress/update.h) after the factorization;
    /// none otherwise (refit is the flag above). updateKind() / setUpdate() see both as one choice.
    UpdateKind update = UpdateKind::none;
    double asvd_exponent = 0.5;  // a in S = diag((mean |x|)^a)
    Allocation allocation = Allocation::uniform;

    bool compresses(MatrixType type) const;
    /// True when the layers of `type` share bases (basis-sharing, type listed in `shared`).
    bool shares(MatrixType type) const;
    /// Layers per group for `type`: group_size for shared types, 1 otherwise.
    int groupSize(MatrixType type) const;
    void setGroupSize(int n);  // every type
    /// The update as one choice: refit when `refit`, else `update`.
    UpdateKind updateKind() const { return refit ? UpdateKind::refit : update; }
    void setUpdate(UpdateKind kind);
    /// True for deviated and compensate (they need the calibration windows again).
    bool streamsUpdate() const { return update == UpdateKind::deviated || update == UpdateKind::compensate; }
    /// Throws Error naming the option at fault (ratio, group size, exponent, ...). With a config,
    /// also checks the plan against the model (group size <= layers).
    void validate(const LlamaConfig* config = nullptr) const;
    /// One line: "basis-sharing r=0.40 share q,k,v,gate,up n=2 alpha=inv-trace refit alloc=error" (or
    /// "update=deviated", "update=compensate").
    std::string describe() const;
};

/// "q,k,v" <-> types. Throws Error naming `option` on an unknown name or a duplicate.
std::vector<MatrixType> parseTypeList(std::string_view text, const std::string& option);
std::string typeListText(const std::vector<MatrixType>& types);
/// Group sizes: "N" (every type) or a list of "N" and "type=N" items, e.g. "4,down=1".
void parseGroupSizes(std::string_view text, CompressionPlan& plan, const std::string& option = "--group-size");
/// The shared types' group sizes: "2" when they agree, "q=2,k=2,..." otherwise.
std::string groupSizeText(const CompressionPlan& plan);

/// k = floor(d_in d_out n (1 - r) / (d_in + d_out n)), before clamping. A relative tolerance of
/// 1e-12 keeps exact integers exact (0.6 is not exactly representable).
std::int64_t rankFormula(std::int64_t d_in, std::int64_t d_out, int n, double ratio);

/// One group of consecutive layers of one matrix type, compressed with one basis.
struct GroupLayout {
    MatrixType type = MatrixType::q;
    int index = 0;  // group number within its type
    std::vector<int> layers;  // consecutive
    int nominal_size = 1;  // n of the plan; the remainder group has fewer layers
    std::int64_t d_in = 0;
    std::int64_t d_out = 0;
    std::int64_t rank = 0;  // k after clamping
    std::int64_t formula_rank = 0;  // k before clamping
    std::int64_t denseParams() const { return d_in * d_out * std::int64_t(layers.size()); }
    /// Basis (counted once) plus one coefficient per layer: d_in k + n k d_out.
    std::int64_t storedParams() const { return rank * (d_in + d_out * std::int64_t(layers.size())); }
};

/// Groups of a plan for a model, ordered by first layer, then site, then type (q, k, v of the
/// same layers are adjacent, so they can share one whitening).
std::vector<GroupLayout> groupLayout(const CompressionPlan& plan, const LlamaConfig& config);

/// Parameters of the whole model as ModelInfo counts them (a tied lm_head counted once).
std::int64_t modelParameters(const LlamaConfig& config);

}  // namespace basislab
