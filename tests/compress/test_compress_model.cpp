// Compression of the real demo model (stories260k) with a calibration computed in the test:
// against an independent implementation of Basis Sharing, method equivalences, the preview against
// compress(), ratio bookkeeping, perplexity of the compressed model, exports and cancellation.
#include "base/error.h"
#include "base/torch_compat.h"
#include "compress/compress.h"
#include "compress/compressed_tensors.h"
#include "compress/evaluate.h"
#include "compress/export.h"
#include "compress/factored_model.h"
#include "compress/group_factorizer.h"
#include "compress/preview.h"
#include "compress_helpers.h"
#include "eval/perplexity.h"
#include "tensor_compare.h"
#include "test_paths.h"

#include <QtTest>

#include <filesystem>

using namespace basislab;
using namespace basislab::test;

namespace {

at::Tensor windows(const std::vector<int>& ids, int n, int len, int offset = 0) {
    at::Tensor t = at::empty({n, len}, at::TensorOptions().dtype(at::kLong));
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < len; ++j) t[i][j] = std::int64_t(ids[std::size_t(offset + i * len + j)]);
    return t;
}

/// W_hat of (layer, type) in the papers' layout (d_in, d_out), float64.
at::Tensor what(const ProjectionOverrides& o, int layer, MatrixType t) {
    const Projection& p = o.at({layer, t});
    return at::matmul(p.basis.to(at::kDouble), p.coefficient.to(at::kDouble));
}

}  // namespace

class TestCompressModel : public QObject {
    Q_OBJECT
    std::shared_ptr<LlamaModel> model_;  // float64
    std::shared_ptr<InMemoryCalibration> calib_;
    std::vector<int> eval_ids_;

    CompressionPlan plan(Method m, double ratio, int n = 2, const char* alpha = "none") {
        CompressionPlan p;
        p.method = m;
        p.ratio = ratio;
        p.setGroupSize(n);
        p.alpha = AlphaForm::parse(alpha);
        return p;
    }

    double ppl(const LlamaModel& model, const ProjectionOverrides* o) {
        PerplexityOptions po;
        po.window = 128;
        return perplexity(model, eval_ids_, po, {}, o).ppl;
    }

private Q_SLOTS:
    void initTestCase() {
        ModelOptions mo;
        mo.compute.dtype = "float64";
        model_ = LlamaModel::open(storiesModel(), mo);
        const auto ids = readU16(referenceDir() + "/tokens/TinyStories-valid.as_is.tok512.u16");
        calib_ = calibrateInTest(*model_, windows(ids, 32, 128), /*fisher=*/true);
        eval_ids_ = readU16(referenceDir() + "/tokens/tinystories_sample.as_is.tok512.u16");
    }

    void matchesAnIndependentBasisSharing() {
        CompressOptions co;
        co.storage_dtype = "float64";
        for (const char* alpha : {"none", "inv-trace"}) {
            const CompressedModel c = compress(*model_, *calib_, plan(Method::basis_sharing, 0.4, 2, alpha), co);
            const ProjectionOverrides o = overridesOf(c, *model_);
            // q of layers 0, 1 by hand: G = sum alpha_l G_l, S = chol(G)^T, SVD of S [W_0 W_1].
            std::vector<at::Tensor> W, G;
            for (int l : {0, 1}) {
                W.push_back(model_->load(tensor_name::projection(l, MatrixType::q), at::kDouble, at::kCPU).t());
                G.push_back(calib_->gram(l, Site::attn_in));
            }
            double a0 = 1, a1 = 1;
            if (std::string(alpha) == "inv-trace") {
                a0 = 1 / G[0].trace().item<double>();
                a1 = 1 / G[1].trace().item<double>();
            }
            const at::Tensor S = at::linalg_cholesky(G[0] * a0 + G[1] * a1, false).t();
            auto [U, sigma, Vh] = at::linalg_svd(at::matmul(S, at::cat({W[0], W[1]}, 1)), false, compat::nullopt);
            const std::int64_t k = c.report.groups[0].rank;
            QCOMPARE(k, basislab::rankFormula(64, 64, 2, 0.4));
            const at::Tensor B =
                at::linalg_solve_triangular(S, U.narrow(1, 0, k) * sigma.narrow(0, 0, k), true, true, false);
            for (int l : {0, 1}) {
                const at::Tensor C = Vh.narrow(0, 0, k).narrow(1, 64 * l, 64);
                const double d = relDiff(what(o, l, MatrixType::q), at::matmul(B, C));
                qInfo("alpha %s, layer %d q: relative difference to the hand-made Basis Sharing %.3g", alpha, l, d);
                QVERIFY(d < 1e-10);
            }
            QVERIFY(o.at({0, MatrixType::q}).basis.is_same(o.at({1, MatrixType::q}).basis));  // one shared tensor
        }
    }

    void groupOfOneEqualsSvdLlm() {
        CompressOptions co;
        co.storage_dtype = "float64";
        const CompressedModel a = compress(*model_, *calib_, plan(Method::basis_sharing, 0.5, 1, "inv-trace"), co);
        const CompressedModel b = compress(*model_, *calib_, plan(Method::svd_llm, 0.5), co);
        const ProjectionOverrides oa = overridesOf(a, *model_), ob = overridesOf(b, *model_);
        QCOMPARE(oa.size(), std::size_t(35));
        for (const auto& [key, p] : oa)
            QVERIFY(relDiff(what(oa, key.first, key.second), what(ob, key.first, key.second)) < 1e-12);
        for (std::size_t i = 0; i < a.report.layers.size(); ++i)
            QVERIFY(std::abs(a.report.layers[i].whitened_error - b.report.layers[i].whitened_error) < 1e-12);
    }

    void previewEqualsCompress_data() {
        QTest::addColumn<int>("method");
        QTest::addColumn<QString>("alpha");
        QTest::addColumn<bool>("refit");
        QTest::newRow("svd") << int(Method::svd) << "none" << false;
        QTest::newRow("asvd") << int(Method::asvd) << "none" << false;
        QTest::newRow("fwsvd") << int(Method::fwsvd) << "none" << false;
        QTest::newRow("svd-llm") << int(Method::svd_llm) << "none" << false;
        QTest::newRow("basis-sharing") << int(Method::basis_sharing) << "none" << false;
        QTest::newRow("basis-sharing inv-trace refit") << int(Method::basis_sharing) << "inv-trace" << true;
        QTest::newRow("basis-sharing inv-output") << int(Method::basis_sharing) << "inv-output" << false;
        QTest::newRow("basis-sharing normalised") << int(Method::basis_sharing) << "normalised" << false;
        QTest::newRow("basis-sharing power:0.75") << int(Method::basis_sharing) << "power:0.75" << false;
        QTest::newRow("share all seven inv-max-eig") << -1 << "inv-max-eig" << false;
        QTest::newRow("share all seven inv-output refit") << -1 << "inv-output" << true;
    }
    void previewEqualsCompress() {
        QFETCH(int, method);
        QFETCH(QString, alpha);
        QFETCH(bool, refit);
        CompressionPlan p =
            plan(method < 0 ? Method::basis_sharing : Method(method), 0.4, 2, alpha.toUtf8().constData());
        if (method < 0) p.shared = {kMatrixTypes.begin(), kMatrixTypes.end()};  // o and down shared too
        p.refit = refit;
        const CompressedModel c = compress(*model_, *calib_, p);
        ErrorPreview preview(model_, calib_);
        const CompressionReport r = preview.evaluate(p);
        QCOMPARE(r.layers.size(), c.report.layers.size());
        double worst = 0;
        for (std::size_t i = 0; i < r.layers.size(); ++i) {
            QCOMPARE(r.layers[i].layer, c.report.layers[i].layer);
            QCOMPARE(r.layers[i].rank, c.report.layers[i].rank);
            worst = std::max({worst, std::abs(r.layers[i].whitened_error - c.report.layers[i].whitened_error),
                              std::abs(r.layers[i].frobenius_error - c.report.layers[i].frobenius_error)});
            if (refit) QVERIFY(r.layers[i].whitened_error <= r.layers[i].whitened_error_before_refit * (1 + 1e-9));
        }
        qInfo("max |preview - compress| error: %.3g", worst);
        QVERIFY(worst < 1e-9);
        QCOMPARE(r.achieved_ratio, c.report.achieved_ratio);
        QCOMPARE(r.achieved_ratio_model, c.report.achieved_ratio_model);
        QCOMPARE(r.groups.size(), c.report.groups.size());
        for (std::size_t g = 0; g < r.groups.size(); ++g) QCOMPARE(r.groups[g].alpha, c.report.groups[g].alpha);
        // A ratio change is a lookup (unless refit, which needs the basis at the new rank).
        const std::size_t runs = preview.factorizations();
        p.ratio = 0.6;
        preview.evaluate(p);
        QCOMPARE(preview.factorizations(), refit ? runs + r.groups.size() : runs);
    }

    void ratioBookkeeping() {
        const CompressedModel c = compress(*model_, *calib_, plan(Method::basis_sharing, 0.4, 2));
        std::int64_t dense = 0, stored = 0;
        for (const GroupReport& g : c.report.groups) {
            const std::int64_t d_in = model_->config().dIn(g.type), d_out = model_->config().dOut(g.type);
            dense += d_in * d_out * std::int64_t(g.layers.size());
            stored += d_in * g.rank + g.rank * d_out * std::int64_t(g.layers.size());
        }
        QCOMPARE(c.report.dense_params, std::int64_t(5 * (2 * 64 * 64 + 2 * 64 * 32 + 3 * 64 * 172)));
        QCOMPARE(c.report.dense_params, dense);
        QCOMPARE(c.report.stored_params, stored);
        const double expected = 1 - double(stored) / double(dense);
        qInfo("achieved ratio %.4f over the projections, %.4f over the model (260032 parameters)",
              c.report.achieved_ratio, c.report.achieved_ratio_model);
        QCOMPARE(c.report.achieved_ratio, expected);
        QCOMPARE(c.report.model_params, std::int64_t(260032));
        QCOMPARE(c.report.achieved_ratio_model, 1 - double(260032 - dense + stored) / 260032.0);
    }

    void errorAllocationMatchesItsObjective() {
        // compress() and the preview allocate the same ranks; the objective the knapsack minimised
        // equals the sum of the squared whitened errors compress() measures directly from W - B C.
        for (int n : {1, 2, 4}) {
            CompressionPlan p = plan(Method::basis_sharing, 0.6, n);
            const CompressedModel uniform = compress(*model_, *calib_, p);
            p.allocation = Allocation::error;
            const CompressedModel c = compress(*model_, *calib_, p);
            ErrorPreview preview(model_, calib_);
            const CompressionReport r = preview.evaluate(p);
            QCOMPARE(r.groups.size(), c.report.groups.size());
            for (std::size_t g = 0; g < r.groups.size(); ++g) {
                QCOMPARE(r.groups[g].rank, c.report.groups[g].rank);
                QCOMPARE(c.report.groups[g].uniform_rank, uniform.report.groups[g].rank);
                QVERIFY(c.report.groups[g].rank >= 1 &&
                        c.report.groups[g].stored_params <= c.report.groups[g].dense_params);
            }
            QVERIFY(c.report.stored_params <= uniform.report.stored_params);
            QCOMPARE(c.report.allocation.budget_params, uniform.report.stored_params);
            QCOMPARE(c.report.allocation.used_params, c.report.stored_params);
            QCOMPARE(c.report.allocation.rank_quantum, std::int64_t(1));
            double direct = 0, direct_uniform = 0;
            for (const LayerReport& l : c.report.layers) direct += l.whitened_error * l.whitened_error;
            for (const LayerReport& l : uniform.report.layers) direct_uniform += l.whitened_error * l.whitened_error;
            qInfo("n = %d: objective %.6f (direct %.6f), uniform %.6f (direct %.6f)", n, c.report.allocation.objective,
                  direct, c.report.allocation.uniform_objective, direct_uniform);
            QVERIFY(std::abs(c.report.allocation.objective - direct) < 1e-9 * (1 + direct));
            QVERIFY(std::abs(c.report.allocation.uniform_objective - direct_uniform) < 1e-9 * (1 + direct_uniform));
            QVERIFY(direct < direct_uniform);
            QVERIFY(std::abs(r.allocation.objective - c.report.allocation.objective) < 1e-12 * (1 + direct));
        }
    }

    void compressedPerplexity() {
        const double base = ppl(*model_, nullptr);
        double previous = base;
        for (double r : {0.2, 0.4, 0.6}) {
            const CompressedModel c = compress(*model_, *calib_, plan(Method::svd_llm, r));
            const ProjectionOverrides o = overridesOf(c, *model_);
            const double p = ppl(*model_, &o);
            qInfo("svd-llm r=%.1f: ppl %.4f (dense %.4f)", r, p, base);
            QVERIFY(std::isfinite(p) && p > previous);
            previous = p;
        }
    }

    void exportsRoundTrip() {
        ModelOptions mo;  // float32, as a user evaluates
        const auto model = LlamaModel::open(storiesModel(), mo);
        const CompressedModel c = compress(*model, *calib_, plan(Method::basis_sharing, 0.4, 2, "inv-trace"));
        const ProjectionOverrides o = overridesOf(c, *model);
        const double in_memory = ppl(*model, &o);
        // The torch-free entry point tokenizes the file itself: the same ids, the same perplexity.
        const CompressedPerplexity p = perplexityOfCompressed(*model, c, textPath("tinystories_sample.txt"), 128);
        QCOMPARE(p.ppl, in_memory);
        TempDir dir;
        ExportOptions eo;
        exportCompressed(*model, c, dir.path() + "/factored", eo);
        QVERIFY(isFactoredFolder(dir.path() + "/factored"));
        QVERIFY(std::filesystem::exists(dir.path() + "/factored/tokenizer.model"));
        const auto factored = openModelFolder(dir.path() + "/factored", mo);
        QVERIFY(factored->hasFactoredProjections());
        QVERIFY(factored->factoredProjection(0, MatrixType::q)
                    ->basis.is_same(factored->factoredProjection(1, MatrixType::q)->basis));
        const double from_factored = ppl(*factored, nullptr);
        qInfo("ppl in memory %.6f, factored export %.6f", in_memory, from_factored);
        QCOMPARE(from_factored, in_memory);  // the same float32 tensors, the same arithmetic
        eo.format = ExportFormat::dense;
        exportCompressed(*model, c, dir.path() + "/dense", eo);
        QVERIFY(!isFactoredFolder(dir.path() + "/dense"));
        const auto dense = LlamaModel::open(dir.path() + "/dense", mo);
        const double from_dense = ppl(*dense, nullptr);
        qInfo("ppl dense export %.6f (relative difference %.2g)", from_dense, std::abs(from_dense / in_memory - 1));
        QVERIFY(std::abs(from_dense / in_memory - 1) < 1e-5);
        // An existing target is refused unless overwriting.
        QVERIFY_THROWS_EXCEPTION(Error, exportCompressed(*model, c, dir.path() + "/dense", eo));
        eo.overwrite = true;
        exportCompressed(*model, c, dir.path() + "/dense", eo);
        // Sharded: the same model in shards of at most 300 kB.
        eo.shard_bytes = 300000;
        exportCompressed(*model, c, dir.path() + "/dense", eo);
        QVERIFY(std::filesystem::exists(dir.path() + "/dense/model.safetensors.index.json"));
        QCOMPARE(ppl(*LlamaModel::open(dir.path() + "/dense", mo), nullptr), from_dense);
    }

    void factorsNeedNotBeKept() {
        // Without keep_tensors compress() keeps only the report, and the report is the same.
        const CompressionPlan p = plan(Method::basis_sharing, 0.4, 2, "inv-trace");
        CompressOptions keep;
        keep.storage_dtype = "float64";
        CompressOptions drop = keep;
        drop.keep_tensors = false;
        const CompressedModel a = compress(*model_, *calib_, p, keep);
        const CompressedModel b = compress(*model_, *calib_, p, drop);
        QVERIFY(!a.tensors->groups.empty());
        QVERIFY(b.tensors && b.tensors->groups.empty());
        QCOMPARE(a.report.layers.size(), b.report.layers.size());
        for (std::size_t i = 0; i < a.report.layers.size(); ++i) {
            QCOMPARE(a.report.layers[i].whitened_error, b.report.layers[i].whitened_error);
            QCOMPARE(a.report.layers[i].frobenius_error, b.report.layers[i].frobenius_error);
        }
        QCOMPARE(a.report.achieved_ratio, b.report.achieved_ratio);
    }

    void releaseEmptiesTheCaches() {
        // release(layer, site) drops the Gram and every whitening built from it; after the groups
        // of layers 0-1 only their sites are cached, and releasing them leaves nothing.
        const CompressionPlan p = plan(Method::basis_sharing, 0.4, 2, "inv-trace");
        GroupFactorizer f(*model_, *calib_, CompressOptions{});
        QCOMPARE(f.cachedBytes(), std::size_t(0));
        std::size_t grams = 0;
        for (Site s : kSites) grams += std::size_t(model_->config().siteWidth(s) * model_->config().siteWidth(s)) * 8;
        for (const GroupLayout& g : groupLayout(p, model_->config()))
            if (g.layers.front() <= 1) f.factor(p, g);
        // Grams of layers 0 and 1 (all four sites) plus at least one whitening.
        QVERIFY(f.cachedBytes() > 2 * grams);
        for (int l : {0, 1})
            for (Site s : kSites) f.release(l, s);
        QCOMPARE(f.cachedBytes(), std::size_t(0));
        // Releasing twice, or what was never cached, is harmless.
        f.release(0, Site::attn_in);
        f.release(4, Site::down_in);
        QCOMPARE(f.cachedBytes(), std::size_t(0));
    }

    void cancelLeavesNothing() {
        int calls = 0;
        QVERIFY_THROWS_EXCEPTION(Cancelled, compress(*model_, *calib_, plan(Method::basis_sharing, 0.4), {},
                                                     [&](const Progress&) { return ++calls < 4; }));
        QCOMPARE(calls, 4);
        const CompressedModel c = compress(*model_, *calib_, plan(Method::svd, 0.4));
        TempDir dir;
        calls = 0;
        QVERIFY_THROWS_EXCEPTION(Cancelled, exportCompressed(*model_, c, dir.path() + "/out", {},
                                                             [&](const Progress&) { return ++calls < 5; }));
        QVERIFY(std::filesystem::is_empty(dir.path()));  // neither the target nor a temporary folder
    }

    void errorsNameTheCause() {
        auto message = [](const std::function<void()>& f) { return errorOf(f); };
        const auto ids = readU16(referenceDir() + "/tokens/TinyStories-valid.as_is.tok512.u16");
        const auto no_fisher = calibrateInTest(*model_, windows(ids, 4, 64));
        QVERIFY(message([&] { compress(*model_, *no_fisher, plan(Method::fwsvd, 0.4)); }).contains("--fisher"));
        CalibrationSummary other = calib_->summary();
        other.model.config_sha256 = "0000";
        other.model.path = "/elsewhere";
        std::map<std::pair<int, Site>, at::Tensor> grams;
        for (int l = 0; l < 5; ++l)
            for (Site s : kSites) grams[{l, s}] = calib_->gram(l, s);
        const InMemoryCalibration foreign(other, grams);
        QVERIFY(message([&] { compress(*model_, foreign, plan(Method::svd_llm, 0.4)); }).contains("another model"));
        grams[{3, Site::mlp_in}] = at::zeros_like(grams[{3, Site::mlp_in}]);
        CalibrationSummary mine = calib_->summary();
        const InMemoryCalibration empty(mine, grams);
        const QString e = message([&] { compress(*model_, empty, plan(Method::basis_sharing, 0.4)); });
        QVERIFY2(e.contains("layer 3, site mlp_in") && e.contains("empty"), qPrintable(e));
    }
};

QTEST_GUILESS_MAIN(TestCompressModel)
#include "test_compress_model.moc"
