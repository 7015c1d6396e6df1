#include "plan.h"

#include "../base/error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace basislab {
namespace {

std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return std::string(s);
}

std::vector<std::string> split(std::string_view text, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(sep, start);
        out.push_back(trim(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start)));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return out;
}

bool parseNumber(const std::string& s, double& out) {
    if (s.empty()) return false;
    char* end = nullptr;
    out = std::strtod(s.c_str(), &end);
    return end == s.c_str() + s.size() && std::isfinite(out);
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

std::size_t typeIndex(MatrixType t) {
    return std::size_t(t);
}

}  // namespace

const char* name(Method method) {
    switch (method) {
        case Method::svd: return "svd";
        case Method::asvd: return "asvd";
        case Method::fwsvd: return "fwsvd";
        case Method::svd_llm: return "svd-llm";
        case Method::basis_sharing: return "basis-sharing";
    }
    return "?";
}

std::optional<Method> parseMethod(std::string_view text) {
    for (Method m : kMethods)
        if (text == name(m)) return m;
    return std::nullopt;
}

bool whitens(Method method) {
    return method == Method::svd_llm || method == Method::basis_sharing;
}

const char* name(ScaleMeasure measure) {
    switch (measure) {
        case ScaleMeasure::trace: return "trace";
        case ScaleMeasure::fro: return "fro";
        case ScaleMeasure::max_eig: return "max-eig";
    }
    return "?";
}

std::string AlphaForm::text() const {
    switch (kind) {
        case Kind::none: return "none";
        case Kind::inv_trace: return "inv-trace";
        case Kind::inv_fro: return "inv-fro";
        case Kind::inv_max_eig: return "inv-max-eig";
        case Kind::inv_sqrt_trace: return "inv-sqrt-trace";
        case Kind::power: return "power:" + number(p);
        case Kind::inv_output: return "inv-output";
        case Kind::normalised:
            return measure == ScaleMeasure::trace ? "normalised" : std::string("normalised:") + name(measure);
    }
    return "?";
}

AlphaForm AlphaForm::parse(std::string_view text_view, const std::string& option) {
    const std::string text = trim(text_view);
    AlphaForm a;
    if (text == "none") return a;
    const std::pair<const char*, Kind> simple[] = {
        {"inv-trace", Kind::inv_trace},           {"inv-fro", Kind::inv_fro},       {"inv-max-eig", Kind::inv_max_eig},
        {"inv-sqrt-trace", Kind::inv_sqrt_trace}, {"inv-output", Kind::inv_output}, {"normalised", Kind::normalised}};
    for (const auto& [id, kind] : simple)
        if (text == id) {
            a.kind = kind;
            return a;
        }
    if (text.rfind("power:", 0) == 0) {
        a.kind = Kind::power;
        if (!parseNumber(text.substr(6), a.p))
            throw Error(option + ": '" + text + "' needs a finite number after 'power:' (e.g. power:0.5)");
        return a;
    }
    if (text.rfind("normalised:", 0) == 0) {
        a.kind = Kind::normalised;
        const std::string m = text.substr(11);
        for (ScaleMeasure s : {ScaleMeasure::trace, ScaleMeasure::fro, ScaleMeasure::max_eig})
            if (m == name(s)) {
                a.measure = s;
                return a;
            }
        throw Error(option + ": unknown scale measure '" + m + "' in '" + text + "' (trace, fro, max-eig)");
    }
    throw Error(option + ": unknown alpha form '" + text +
                "' (none, inv-trace, inv-fro, inv-max-eig, inv-sqrt-trace, power:p, inv-output, normalised[:trace|fro|"
                "max-eig])");
}

const std::vector<AlphaFormInfo>& alphaForms() {
    static const std::vector<AlphaFormInfo> forms{
        {"none", "Plain sum", "Sum the layers' Grams as they are (plain Basis Sharing)."},
        {"inv-trace", "Inverse trace", "Weight each layer by 1/tr(G): every layer's input energy counts equally."},
        {"inv-fro", "Inverse Frobenius norm", "Weight each layer by 1/||G||_F, the Gram's Frobenius norm."},
        {"inv-max-eig", "Inverse largest eigenvalue",
         "Weight each layer by 1/lambda_max(G): its strongest input direction counts equally."},
        {"inv-sqrt-trace", "Inverse square-root trace",
         "Weight each layer by 1/sqrt(tr G), halfway between the plain sum and the inverse trace."},
        {"power:p", "Trace power", "Weight each layer by tr(G)^-p for your p (p = 1 is the inverse trace)."},
        {"inv-output", "Inverse output energy",
         "Weight each layer by 1/tr(W^T G W), its output energy; q, k and v may get different whitenings."},
        {"normalised", "Scale-normalised",
         "Divide each layer's input by its RMS scale and fold the scale into W: invariant to moving scale "
         "between RMSNorm and the weights."},
    };
    return forms;
}

std::string sharingCaveat(MatrixType type) {
    if (type == MatrixType::o)
        return "Caution: the Basis Sharing paper found that sharing W_O across layers raised its loss; "
               "compare against sharing q, k, v, gate, up only.";
    if (type == MatrixType::down)
        return "Caution: the Basis Sharing paper shares only q, k, v, gate and up; compare against that "
               "before sharing W_Down.";
    return {};
}

const char* name(SvdSolver solver) {
    switch (solver) {
        case SvdSolver::automatic: return "auto";
        case SvdSolver::direct: return "direct";
        case SvdSolver::gram: return "gram";
    }
    return "?";
}

std::optional<SvdSolver> parseSvdSolver(std::string_view text) {
    for (SvdSolver s : {SvdSolver::automatic, SvdSolver::direct, SvdSolver::gram})
        if (text == name(s)) return s;
    return std::nullopt;
}

const char* name(Allocation allocation) {
    switch (allocation) {
        case Allocation::uniform: return "uniform";
        case Allocation::error: return "error";
    }
    return "?";
}

const char* name(UpdateKind kind) {
    switch (kind) {
        case UpdateKind::none: return "none";
        case UpdateKind::refit: return "refit";
        case UpdateKind::deviated: return "deviated";
        case UpdateKind::compensate: return "compensate";
    }
    return "?";
}

std::optional<Allocation> parseAllocation(std::string_view text) {
    for (Allocation a : {Allocation::uniform, Allocation::error})
        if (trim(text) == name(a)) return a;
    return std::nullopt;
}

std::optional<UpdateKind> parseUpdateKind(std::string_view text) {
    for (UpdateKind k : kUpdateKinds)
        if (text == name(k)) return k;
    return std::nullopt;
}

std::string updateExplanation(UpdateKind kind) {
    switch (kind) {
        case UpdateKind::none: return "Keep the coefficients the factorization gives.";
        case UpdateKind::refit: return "Refit each layer's coefficients on its own Gram with the basis fixed.";
        case UpdateKind::deviated:
            return "Refit each layer on the inputs it sees once the layers before it are compressed (SVD-LLM).";
        case UpdateKind::compensate:
            return "Fit each layer's compressed inputs to its original outputs, correcting earlier layers' errors.";
    }
    return {};
}

void CompressionPlan::setUpdate(UpdateKind kind) {
    refit = kind == UpdateKind::refit;
    update = kind == UpdateKind::refit ? UpdateKind::none : kind;
}

bool CompressionPlan::compresses(MatrixType type) const {
    return std::find(types.begin(), types.end(), type) != types.end();
}

bool CompressionPlan::shares(MatrixType type) const {
    return method == Method::basis_sharing && std::find(shared.begin(), shared.end(), type) != shared.end();
}

int CompressionPlan::groupSize(MatrixType type) const {
    return shares(type) ? group_size[typeIndex(type)] : 1;
}

void CompressionPlan::setGroupSize(int n) {
    group_size.fill(n);
}

void CompressionPlan::validate(const LlamaConfig* config) const {
    if (!(ratio >= 0 && ratio < 1))
        throw Error("--ratio must be in [0, 1) (the fraction of parameters removed), got " + number(ratio));
    if (types.empty()) throw Error("--types: no matrix type to compress");
    for (MatrixType t : kMatrixTypes) {
        const int n = group_size[typeIndex(t)];
        if (n < 1) throw Error("--group-size for " + std::string(name(t)) + " must be at least 1, got " + number(n));
        if (config && shares(t) && compresses(t) && n > config->num_hidden_layers)
            throw Error("--group-size " + number(n) + " for " + name(t) + " exceeds the model's " +
                        number(config->num_hidden_layers) + " layers");
    }
    if (method == Method::asvd && !(asvd_exponent > 0 && std::isfinite(asvd_exponent)))
        throw Error("--asvd-exponent must be positive, got " + number(asvd_exponent));
    if (alpha.kind == AlphaForm::Kind::power && !std::isfinite(alpha.p))
        throw Error("--alpha power:p needs a finite p");
    if (update == UpdateKind::refit) throw Error("--update: refit is the plan's refit flag (use setUpdate)");
    if (refit && update != UpdateKind::none)
        throw Error(std::string("--refit and --update ") + name(update) + " exclude each other (choose one update)");
}

std::string CompressionPlan::describe() const {
    std::string s = std::string(name(method)) + " r=" + number(ratio);
    if (types.size() != kMatrixTypes.size()) s += " types " + typeListText(types);
    if (method == Method::basis_sharing) {
        s += " share " + (shared.empty() ? std::string("none") : typeListText(shared));
        if (!shared.empty()) s += " n=" + groupSizeText(*this);
        s += " alpha=" + alpha.text();
    }
    if (method == Method::asvd) s += " a=" + number(asvd_exponent);
    if (refit) s += " refit";
    if (allocation != Allocation::uniform) s += std::string(" alloc=") + name(allocation);
    if (streamsUpdate()) s += std::string(" update=") + name(update);
    return s;
}

std::vector<MatrixType> parseTypeList(std::string_view text, const std::string& option) {
    std::vector<MatrixType> out;
    if (trim(text).empty() || trim(text) == "none") return out;
    for (const std::string& item : split(text, ',')) {
        const auto t = parseMatrixType(item);
        if (!t) throw Error(option + ": unknown matrix type '" + item + "' (q, k, v, o, gate, up, down)");
        if (std::find(out.begin(), out.end(), *t) != out.end())
            throw Error(option + ": matrix type '" + item + "' is listed twice");
        out.push_back(*t);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string typeListText(const std::vector<MatrixType>& types) {
    std::string s;
    for (MatrixType t : types) s += (s.empty() ? "" : ",") + std::string(name(t));
    return s;
}

void parseGroupSizes(std::string_view text, CompressionPlan& plan, const std::string& option) {
    auto parseSize = [&](const std::string& v, const std::string& item) {
        double n = 0;
        if (!parseNumber(v, n) || n != std::floor(n) || n < 1 || n > 1e6)
            throw Error(option + ": '" + item + "' needs a positive whole number of layers");
        return int(n);
    };
    for (const std::string& item : split(text, ',')) {
        const std::size_t eq = item.find('=');
        if (eq == std::string::npos) {
            plan.setGroupSize(parseSize(item, item));
            continue;
        }
        const std::string type_text = trim(std::string_view(item).substr(0, eq));
        const auto t = parseMatrixType(type_text);
        if (!t) throw Error(option + ": unknown matrix type '" + type_text + "' in '" + item + "'");
        plan.group_size[typeIndex(*t)] = parseSize(trim(std::string_view(item).substr(eq + 1)), item);
    }
}

std::string groupSizeText(const CompressionPlan& plan) {
    std::vector<MatrixType> shared;
    for (MatrixType t : plan.shared)
        if (plan.shares(t) && plan.compresses(t)) shared.push_back(t);
    if (shared.empty()) return "1";
    const int first = plan.group_size[typeIndex(shared.front())];
    const bool same =
        std::all_of(shared.begin(), shared.end(), [&](MatrixType t) { return plan.group_size[typeIndex(t)] == first; });
    if (same) return number(first);
    std::string s;
    for (MatrixType t : shared)
        s += (s.empty() ? "" : ",") + std::string(name(t)) + "=" + number(plan.group_size[typeIndex(t)]);
    return s;
}

std::int64_t rankFormula(std::int64_t d_in, std::int64_t d_out, int n, double ratio) {
    const long double num = (long double)d_in * (long double)d_out * n * (1.0L - (long double)ratio);
    const long double den = (long double)d_in + (long double)d_out * n;
    return std::int64_t(std::floor(num / den * (1.0L + 1e-12L)));
}

std::vector<GroupLayout> groupLayout(const CompressionPlan& plan, const LlamaConfig& config) {
    plan.validate(&config);
    std::vector<GroupLayout> groups;
    const int L = config.num_hidden_layers;
    for (MatrixType t : kMatrixTypes) {
        if (!plan.compresses(t)) continue;
        const int n = plan.groupSize(t);
        const std::int64_t d_in = config.dIn(t), d_out = config.dOut(t);
        const std::int64_t k = rankFormula(d_in, d_out, n, plan.ratio);
        for (int first = 0, index = 0; first < L; first += n, ++index) {
            GroupLayout g;
            g.type = t;
            g.index = index;
            for (int l = first; l < std::min(L, first + n); ++l) g.layers.push_back(l);
            g.nominal_size = n;
            g.d_in = d_in;
            g.d_out = d_out;
            g.formula_rank = k;
            g.rank =
                std::clamp<std::int64_t>(k, 1, std::min<std::int64_t>(d_in, d_out * std::int64_t(g.layers.size())));
            groups.push_back(std::move(g));
        }
    }
    std::stable_sort(groups.begin(), groups.end(), [](const GroupLayout& a, const GroupLayout& b) {
        return a.layers.front() != b.layers.front() ? a.layers.front() < b.layers.front() : a.type < b.type;
    });
    return groups;
}

std::int64_t modelParameters(const LlamaConfig& c) {
    std::int64_t projections = 0;
    for (MatrixType t : kMatrixTypes) projections += c.dIn(t) * c.dOut(t) * c.num_hidden_layers;
    const std::int64_t embedding = std::int64_t(c.vocab_size) * c.hidden_size;
    const std::int64_t head = c.tie_word_embeddings ? 0 : embedding;
    const std::int64_t norms = std::int64_t(c.hidden_size) * (2 * c.num_hidden_layers + 1);
    return projections + embedding + head + norms;
}

}  // namespace basislab
