// Numerics at the edges: merging calibrations that share windows is refused (where the windows are
// known), the refit solves an ill-conditioned B^T G B with a reported shift instead of returning huge
// coefficients, and the whitened error of factors rounded to bfloat16 / float16 (as an export
// writes them) matches a float64 recomputation from the definition.
#include "base/error.h"
#include "calib/calibrator.h"
#include "compress/compress.h"
#include "compress/compressed_tensors.h"
#include "compress/export.h"
#include "compress/metric.h"
#include "compress/refit.h"
#include "compress_helpers.h"
#include "model/tensor_bytes.h"
#include "synthetic_calibration.h"

#include <nlohmann/json.hpp>

#include <QTest>

using namespace basislab;

namespace {

QString errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

std::shared_ptr<InMemoryCalibration> withoutWindowIndices(const Calibration& c) {
    CalibrationSummary S = c.summary();
    S.settings.window_indices.clear();
    std::map<std::pair<int, Site>, at::Tensor> grams;
    for (const SiteStatistics& s : S.sites) grams[{s.layer, s.site}] = c.gram(s.layer, s.site);
    return std::make_shared<InMemoryCalibration>(std::move(S), std::move(grams));
}

/// sqrt(tr(dW^T G dW) / tr(W^T G W)), float64, straight from the definition (error_curve.h).
double whitenedError(const at::Tensor& W, const at::Tensor& W_hat, const at::Tensor& G) {
    const at::Tensor dW = W - W_hat;
    return std::sqrt(at::trace(at::matmul(dW.t(), at::matmul(G, dW))).item<double>() /
                     at::trace(at::matmul(W.t(), at::matmul(G, W))).item<double>());
}

}  // namespace

class TestNumericEdges : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void mergingSharedWindowsIsRefused() {
        const auto a = test::syntheticCalibration(2, 6, 3, 8, 1, {0, 1, 2});
        const auto overlapping = test::syntheticCalibration(2, 6, 2, 8, 2, {7, 2});
        const QString message = errorOf([&] { mergeCalibrations(*a, *overlapping); });
        QVERIFY2(message.contains(QStringLiteral("share windows")) && message.contains(QStringLiteral("window 2")) &&
                     message.contains(QStringLiteral("1 of the 3 and 2 windows")),
                 qPrintable(message));
        // Disjoint windows of the same text merge, exactly (raw sums add).
        const auto disjoint = test::syntheticCalibration(2, 6, 2, 8, 3, {3, 4});
        const auto merged = mergeCalibrations(*a, *disjoint);
        QCOMPARE(merged->summary().settings.window_indices, (std::vector<std::int64_t>{0, 1, 2, 3, 4}));
        QVERIFY(at::equal(merged->gram(1, Site::mlp_in), a->gram(1, Site::mlp_in) + disjoint->gram(1, Site::mlp_in)));
        // Windows of another text, or windows that are not known, cannot be checked: merged.
        CalibrationSummary other_text = overlapping->summary();
        other_text.settings.text_sha256 = std::string(64, 'u');
        std::map<std::pair<int, Site>, at::Tensor> grams;
        for (const SiteStatistics& s : other_text.sites) grams[{s.layer, s.site}] = overlapping->gram(s.layer, s.site);
        QCOMPARE(mergeCalibrations(*a, InMemoryCalibration(other_text, grams))->summary().settings.windows, 5);
        QCOMPARE(mergeCalibrations(*a, *withoutWindowIndices(*overlapping))->summary().settings.windows, 5);
    }

    void wellConditionedRefitIsTheLeastSquaresSolution() {
        const at::Tensor X = test::randomInputs(200, 12, 3);
        const at::Tensor G = test::gramOf(X);
        const at::Tensor B = test::randomMatrix(12, 5, 4), W = test::randomMatrix(12, 7, 5);
        RefitShift shift;
        const at::Tensor C = refitCoefficient(B, G, W, &shift);
        QCOMPARE(shift.shift, 0.0);
        // Least squares in the whitened space: min ||X (W - B C)||_F, by QR (lstsq), float64.
        const at::Tensor reference = std::get<0>(at::linalg_lstsq(at::matmul(X, B), at::matmul(X, W)));
        const double diff = (C - reference).abs().max().item<double>() / reference.abs().max().item<double>();
        qInfo("well-conditioned refit vs lstsq: max relative difference %.3g", diff);
        QVERIFY(diff < 1e-10);
    }

    void illConditionedRefitIsShiftedAndReported() {
        // Two basis columns that differ by 1e-7 along a third direction: B^T G B has a Cholesky
        // pivot of 1e-14 relative, and the exact solution has coefficients of about 1e7.
        const std::int64_t d = 10;
        at::Tensor B = at::zeros({d, 2}, at::kDouble);
        B[0][0] = 1;
        B[0][1] = 1;
        B[5][1] = 1e-7;
        const at::Tensor G = at::eye(d, at::kDouble);
        const at::Tensor W = test::randomMatrix(d, 3, 9);
        const at::Tensor exact = at::linalg_solve(at::matmul(B.t(), at::matmul(G, B)), at::matmul(B.t(), W));
        RefitShift shift;
        const at::Tensor C = refitCoefficient(B, G, W, &shift);
        qInfo("exact solution max |C| %.3g; refit max |C| %.3g with shift %.3g (relative %.3g)",
              exact.abs().max().item<double>(), C.abs().max().item<double>(), shift.shift, shift.relative);
        QVERIFY(exact.abs().max().item<double>() > 1e5);
        QVERIFY(shift.shift > 0);
        QCOMPARE(shift.relative, kShiftEpsilon);
        QVERIFY(C.abs().max().item<double>() < 10 * W.abs().max().item<double>());
        // It gives up only the ill-conditioned direction: at least as good as the best fit with the
        // first column alone (whose error it matches to 1e-9), never the 1e7 coefficients.
        const at::Tensor B1 = B.narrow(1, 0, 1);
        const at::Tensor C1 = at::linalg_solve(at::matmul(B1.t(), B1), at::matmul(B1.t(), W));
        const double one_column = (W - at::matmul(B1, C1)).norm().item<double>();
        const double exact_error = (W - at::matmul(B, exact)).norm().item<double>();
        const double shifted = (W - at::matmul(B, C)).norm().item<double>();
        qInfo("error: exact %.9f, shifted %.9f, first column alone %.9f", exact_error, shifted, one_column);
        QVERIFY(shifted <= one_column * (1 + 1e-9));
        // A Gram that is zero on span B gives C = 0.
        QVERIFY(at::equal(refitCoefficient(B, at::zeros({d, d}, at::kDouble), W), at::zeros({2, 3}, at::kDouble)));
    }

    void roundedFactorsErrorMatchesTheDefinition() {
        test::TempDir dir;
        test::writeTinyLlama(dir.path(), 17);
        const auto model = LlamaModel::open(dir.path());
        const at::Tensor ids = at::randint(0, 64, {8, 32}, at::TensorOptions().dtype(at::kLong));
        const auto calibration = test::calibrateInTest(*model, ids);
        CompressionPlan plan;
        plan.ratio = 0.3;
        ExportOptions eo;
        QCOMPARE(exportRounding(*model, plan, eo).dtype, std::string());  // a float32 model, float32 factors
        eo.dtype = "BF16";
        QCOMPARE(exportRounding(*model, plan, eo).dtype, std::string("bfloat16"));
        eo.format = ExportFormat::dense;
        QCOMPARE(exportRounding(*model, plan, eo).dtype, std::string());  // dense: the source's float32
        QVERIFY(exportRounding(*model, plan, eo).product);

        for (const char* dtype : {"bfloat16", "float16"})
            for (const bool product : {false, true}) {
                CompressOptions o;
                o.rounded_dtype = dtype;
                o.round_product = product;
                const CompressedModel c = compress(*model, *calibration, plan, o);
                QCOMPARE(c.report.rounded_dtype, std::string(dtype));
                const at::ScalarType rd = std::string(dtype) == "float16" ? at::kHalf : at::kBFloat16;
                double worst = 0, sum_rounded = 0, sum_plain = 0;
                for (const CompressedGroup& g : c.tensors->groups)
                    for (std::size_t i = 0; i < g.layout.layers.size(); ++i) {
                        const int layer = g.layout.layers[i];
                        const at::Tensor W =
                            tensorOf(model->checkpoint().tensor(tensor_name::projection(layer, g.layout.type)))
                                .to(at::kDouble)
                                .t();
                        const at::Tensor G = calibration->gram(layer, siteOf(g.layout.type));
                        const at::Tensor B = g.basis.to(at::kDouble), C = g.coefficients[i].to(at::kDouble);
                        const at::Tensor W_hat = product
                                                     ? at::matmul(B, C).to(rd).to(at::kDouble)
                                                     : at::matmul(B.to(rd).to(at::kDouble), C.to(rd).to(at::kDouble));
                        const double want = whitenedError(W, W_hat, G);
                        const LayerReport* lr = nullptr;
                        for (const LayerReport& l : c.report.layers)
                            if (l.layer == layer && l.type == g.layout.type) lr = &l;
                        QVERIFY(lr && lr->whitened_error_rounded >= 0);
                        worst = std::max(worst, std::abs(lr->whitened_error_rounded / want - 1));
                        sum_rounded += lr->whitened_error_rounded;
                        sum_plain += lr->whitened_error;
                    }
                qInfo(
                    "%s%s: whitened errors summed over the layers %.6f rounded, %.6f in float32; worst relative "
                    "difference to the "
                    "definition %.3g",
                    dtype, product ? " (product)" : "", sum_rounded, sum_plain, worst);
                QVERIFY(worst < 1e-9);
                QVERIFY(sum_rounded != sum_plain);
                const auto json = nlohmann::json::parse(c.report.toJson());
                QCOMPARE(json.at("rounded_dtype").get<std::string>(), std::string(dtype));
                QVERIFY(json.at("layers").at(0).contains("whitened_error_rounded"));
            }
        // Without the option nothing is assessed.
        const CompressedModel plain = compress(*model, *calibration, plan);
        QCOMPARE(plain.report.rounded_dtype, std::string());
        QCOMPARE(plain.report.layers.front().whitened_error_rounded, -1.0);
    }
};

QTEST_GUILESS_MAIN(TestNumericEdges)
#include "test_numeric_edges.moc"
