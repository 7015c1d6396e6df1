// Fisher diagonals against central finite differences of the LM loss in float64 (an autograd-free
// reference), on stories260k: F = sum over windows of (d loss_w / d W)^2, d_out x d_in, >= 0.
#include "base/error.h"
#include "calib/calibrator.h"
#include "calib/fisher.h"
#include "model/llama_forward.h"
#include "test_paths.h"

#include <c10/core/InferenceMode.h>

#include <QtTest>

using namespace basislab;
using namespace basislab::test;

namespace {

constexpr int kSeqLen = 16;

/// Mean NLL of the L-1 scored tokens of one window [1, L], with an optional replaced projection.
double windowLoss(const LlamaModel& model, const at::Tensor& window, const ProjectionOverrides* overrides) {
    c10::InferenceMode guard;
    const at::Tensor logits = forward(model, window, {}, overrides).to(at::kDouble);  // [1, L, vocab]
    const std::int64_t L = window.size(1);
    const at::Tensor logp = at::log_softmax(logits.narrow(1, 0, L - 1), -1);
    return -logp.gather(-1, window.narrow(1, 1, L - 1).unsqueeze(-1)).mean().item<double>();
}

/// d loss / d W[i, j] by central differences with step h.
double finiteDifference(const LlamaModel& model, const at::Tensor& window, int layer, MatrixType t, std::int64_t i,
                        std::int64_t j, double h) {
    const at::Tensor W = model.load(tensor_name::projection(layer, t));  // (d_out, d_in), float64
    ProjectionOverrides plus, minus;
    Projection p, m;
    p.weight = W.clone();
    p.weight[i][j] += h;
    m.weight = W.clone();
    m.weight[i][j] -= h;
    plus[{layer, t}] = p;
    minus[{layer, t}] = m;
    return (windowLoss(model, window, &plus) - windowLoss(model, window, &minus)) / (2 * h);
}

}  // namespace

class TestFisher : public QObject {
    Q_OBJECT
    std::shared_ptr<LlamaModel> model_;
    at::Tensor ids_;  // [2, kSeqLen]

private Q_SLOTS:
    void initTestCase() {
        ModelOptions o;
        o.compute.dtype = "float64";
        model_ = LlamaModel::open(storiesModel(), o);
        const std::vector<int> ids =
            model_->requireTokenizer().encode(readUtf8File(textPath("tinystories_sample.txt")));
        std::vector<std::int64_t> flat;
        for (int w = 0; w < 2; ++w) {
            flat.push_back(model_->config().bos_token_id);
            for (int t = 0; t < kSeqLen - 1; ++t) flat.push_back(ids[std::size_t(100 + w * (kSeqLen - 1) + t)]);
        }
        ids_ = at::tensor(flat, at::kLong).view({2, kSeqLen});
    }

    void shapesAndSigns() {
        const FisherDiagonals F = fisherDiagonals(*model_, ids_.narrow(0, 0, 1));
        QCOMPARE(F.size(), std::size_t(5 * 7));
        for (const auto& [key, f] : F) {
            const auto [l, t] = key;
            QCOMPARE(f.scalar_type(), at::kFloat);
            QVERIFY(f.device().is_cpu());
            QCOMPARE(f.size(0), model_->config().dOut(t));  // Hugging Face layout (d_out x d_in)
            QCOMPARE(f.size(1), model_->config().dIn(t));
            QVERIFY(f.min().item<float>() >= 0);
            QVERIFY(f.isfinite().all().item<bool>());
            QVERIFY2(f.max().item<float>() > 0, qPrintable(QString("layer %1 %2 is all zero").arg(l).arg(name(t))));
            QVERIFY(!f.requires_grad());
        }
        QVERIFY(at::GradMode::is_enabled());  // untouched for the caller
    }

    void matchesFiniteDifferences() {
        const at::Tensor window = ids_.narrow(0, 0, 1);
        const FisherDiagonals F = fisherDiagonals(*model_, window);
        double worst = 0;
        int checked = 0;
        for (int l : {0, 2, 4})
            for (MatrixType t : kMatrixTypes) {
                const at::Tensor f = F.at({l, t});
                // the entry with the largest gradient, and one fixed ordinary entry
                const std::int64_t flat = f.argmax().item<std::int64_t>();
                for (const auto& [i, j] : {std::pair<std::int64_t, std::int64_t>{flat / f.size(1), flat % f.size(1)},
                                           std::pair<std::int64_t, std::int64_t>{f.size(0) / 3, f.size(1) / 2}}) {
                    const double g = finiteDifference(*model_, window, l, t, i, j, 1e-5);
                    const double got = std::sqrt(double(f[i][j].item<float>()));
                    const double err = std::abs(got - std::abs(g)) / std::max(std::abs(g), 1e-4);
                    worst = std::max(worst, err);
                    ++checked;
                    if (err > 1e-5)
                        qWarning("layer %d %s [%lld, %lld]: sqrt(F) %.9g, |FD| %.9g", l, name(t), (long long)i,
                                 (long long)j, got, std::abs(g));
                }
            }
        qInfo("Fisher vs central differences: %d entries, worst rel. error of sqrt(F) %.3g", checked, worst);
        QVERIFY(worst <= 1e-5);
    }

    void sumsOverWindows() {
        // Per window, then summed: F(w0 + w1) = F(w0) + F(w1), not the square of the summed gradient.
        const FisherDiagonals both = fisherDiagonals(*model_, ids_);
        const FisherDiagonals a = fisherDiagonals(*model_, ids_.narrow(0, 0, 1));
        const FisherDiagonals b = fisherDiagonals(*model_, ids_.narrow(0, 1, 1));
        for (const auto& [key, f] : both) {
            const at::Tensor sum = a.at(key) + b.at(key);
            QVERIFY((f - sum).norm().item<double>() <= 1e-6 * sum.norm().item<double>());
        }
    }

    void throughTheCalibrator() {
        CalibrationOptions o;
        o.fisher = true;
        const auto with = calibrateWindows(*model_, ids_, o);
        QVERIFY(with->hasFisher());
        const FisherDiagonals direct = fisherDiagonals(*model_, ids_);
        QVERIFY(at::allclose(with->fisher(3, MatrixType::down), direct.at({3, MatrixType::down}), 1e-6, 0));
        o.fisher = false;
        const auto without = calibrateWindows(*model_, ids_, o);
        QVERIFY(!without->hasFisher());
        QVERIFY_THROWS_EXCEPTION(Error, without->fisher(0, MatrixType::q));
        // Merging adds the Fisher diagonals too.
        o.fisher = true;
        const auto a = calibrateWindows(*model_, ids_.narrow(0, 0, 1), o);
        const auto b = calibrateWindows(*model_, ids_.narrow(0, 1, 1), o);
        const auto merged = mergeCalibrations(*a, *b);
        QVERIFY(merged->hasFisher());
        QVERIFY(at::allclose(merged->fisher(1, MatrixType::up), with->fisher(1, MatrixType::up), 1e-6, 0));
    }

    void worksAfterInferenceModeUse() {
        // The resident layer cache may hold inference tensors (filled under InferenceMode by
        // perplexity or generation); the Fisher pass must still be able to backpropagate.
        const auto model = LlamaModel::open(storiesModel());
        {
            c10::InferenceMode guard;
            (void)forward(*model, ids_.narrow(0, 0, 1));
        }
        const FisherDiagonals F = fisherDiagonals(*model, ids_.narrow(0, 0, 1));
        QVERIFY(F.at({0, MatrixType::q}).max().item<float>() > 0);
        int calls = 0;
        QVERIFY_THROWS_EXCEPTION(Cancelled,
                                 fisherDiagonals(*model, ids_, [&](const Progress&) { return ++calls < 2; }));
    }
};

QTEST_GUILESS_MAIN(TestFisher)
#include "test_fisher.moc"
