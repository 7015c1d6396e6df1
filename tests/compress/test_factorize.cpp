// Defining properties of the factorization kernel on seeded random W and Grams (float64): full rank
// reproduces W, errors never rise with rank where that is a theorem, svd-llm's whitened error is
// the dropped singular values, alpha scale does not matter, refit never hurts, both solvers agree,
// broken Grams are reported.
#include "base/error.h"
#include "compress/alpha.h"
#include "compress/errors.h"
#include "compress/factorize.h"
#include "compress/refit.h"
#include "compress_helpers.h"
#include "tensor_compare.h"

#include <QtTest>

using namespace basislab;
using namespace basislab::test;

namespace {

struct Group {
    std::vector<at::Tensor> W;  // (d_in, d_out)
    std::vector<at::Tensor> G;  // (d_in, d_in)
};

Group randomGroup(int n, std::int64_t d_in, std::int64_t d_out, std::uint64_t seed, std::int64_t tokens = 400) {
    Group g;
    for (int l = 0; l < n; ++l) {
        g.W.push_back(randomMatrix(d_in, d_out, seed + 100 * std::uint64_t(l)));
        // Layers differ in input scale (x 3^l), as real layers do.
        g.G.push_back(gramOf(randomInputs(tokens, d_in, seed + 100 * std::uint64_t(l) + 1, 1.0) * std::pow(3.0, l)));
    }
    return g;
}

at::Tensor sum(const std::vector<at::Tensor>& G, const std::vector<double>& alpha) {
    at::Tensor s = G[0] * alpha[0];
    for (std::size_t i = 1; i < G.size(); ++i) s = s + G[i] * alpha[i];
    return s;
}

at::Tensor positive(std::int64_t n, std::uint64_t seed) {
    return randomMatrix(n, 1, seed).squeeze(1).abs() + 0.1;
}

}  // namespace

class TestFactorize : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fullRankReproducesW_data() {
        QTest::addColumn<int>("metric");  // 0 identity, 1 diagonal, 2 whitening
        QTest::addColumn<int>("n");
        QTest::addColumn<bool>("weights");  // random beta and D
        QTest::addColumn<int>("solver");
        for (int metric = 0; metric < 3; ++metric)
            for (int n : {1, 3})
                for (int solver : {1, 2}) {
                    const QByteArray row = QByteArray("metric") + QByteArray::number(metric) + " n" +
                                           QByteArray::number(n) + (solver == 1 ? " direct" : " gram");
                    QTest::newRow(row.constData()) << metric << n << (n == 3) << solver;
                }
    }
    void fullRankReproducesW() {
        QFETCH(int, metric);
        QFETCH(int, n);
        QFETCH(bool, weights);
        QFETCH(int, solver);
        const Group g = randomGroup(n, 24, 16, 7);
        Metric S = metric == 0   ? identityMetric()
                   : metric == 1 ? diagonalMetric(positive(24, 3))
                                 : whiteningOf(sum(g.G, std::vector<double>(std::size_t(n), 1.0)), "test");
        std::vector<double> beta;
        std::vector<at::Tensor> D;
        if (weights)
            for (int l = 0; l < n; ++l) {
                beta.push_back(0.5 + l);
                D.push_back(positive(16, 50 + std::uint64_t(l)));
            }
        const Factorization f = factorize(S, g.W, beta, D, SvdSolver(solver));
        const std::int64_t m = std::min<std::int64_t>(24, 16 * n);
        QCOMPARE(f.maxRank(), m);
        for (int l = 0; l < n; ++l) {
            const double e = relDiff(at::matmul(f.basis(m), f.coefficient(std::size_t(l), m)), g.W[std::size_t(l)]);
            qInfo("layer %d: ||W - B C|| / ||W|| = %.3g", l, e);
            QVERIFY(e <= 1e-10);
        }
    }

    void svdLlmWhitenedErrorIsTheDroppedSigma() {
        const Group g = randomGroup(1, 32, 20, 11);
        const Metric S = whiteningOf(g.G[0], "test");
        QCOMPARE(S.shift, 0.0);
        const Factorization f = factorize(S, g.W, {}, {}, SvdSolver::direct);
        const double SW = S.apply(g.W[0]).norm().item<double>();
        double previous = 2;
        for (std::int64_t k = 0; k <= f.maxRank(); ++k) {
            const LayerError e = directError(g.W[0], at::matmul(f.basis(k), f.coefficient(0, k)), g.G[0]);
            const double tail = f.sigma.narrow(0, k, f.maxRank() - k).square().sum().item<double>();
            const double expected = std::sqrt(tail) / SW;
            QVERIFY2(std::abs(e.whitened - expected) <= 1e-10 * std::max(1.0, expected),
                     qPrintable(QString::number(k)));
            QVERIFY(e.whitened <= previous + 1e-12);  // never rises with rank
            previous = e.whitened;
        }
    }

    void ownObjectiveNeverRisesWithRank_data() {
        QTest::addColumn<int>("method");  // 0 svd (Frobenius), 1 asvd (||S dW||), 2 fwsvd (||dW D||), 3 group
        QTest::newRow("svd") << 0;
        QTest::newRow("asvd") << 1;
        QTest::newRow("fwsvd") << 2;
        QTest::newRow("basis sharing group objective") << 3;
    }
    void ownObjectiveNeverRisesWithRank() {
        QFETCH(int, method);
        const int n = method == 3 ? 3 : 1;
        const Group g = randomGroup(n, 24, 16, 21);
        const std::vector<double> alpha{1.0, 0.3, 2.0};
        const std::vector<double> a(alpha.begin(), alpha.begin() + n);
        const at::Tensor d = positive(24, 5), w = positive(16, 6);
        const Metric S = method == 1   ? diagonalMetric(d)
                         : method == 3 ? whiteningOf(sum(g.G, a), "t")
                                       : identityMetric();
        const std::vector<at::Tensor> D = method == 2 ? std::vector<at::Tensor>{w} : std::vector<at::Tensor>{};
        const Factorization f = factorize(S, g.W, {}, D, SvdSolver::direct);
        const at::Tensor Gsum = sum(g.G, a);
        double previous = 1e300;
        for (std::int64_t k = 0; k <= f.maxRank(); ++k) {
            double objective = 0;
            for (int l = 0; l < n; ++l) {
                const at::Tensor dW = g.W[std::size_t(l)] - at::matmul(f.basis(k), f.coefficient(std::size_t(l), k));
                objective += method == 0   ? dW.square().sum().item<double>()
                             : method == 1 ? S.apply(dW).square().sum().item<double>()
                             : method == 2 ? (dW * w.unsqueeze(0)).square().sum().item<double>()
                                           : gramEnergy(dW, Gsum);
            }
            QVERIFY2(objective <= previous * (1 + 1e-12) + 1e-12, qPrintable(QString::number(k)));
            previous = objective;
        }
        QVERIFY(previous < 1e-18 * (1 + S.apply(g.W[0]).square().sum().item<double>()));
    }

    void perLayerCurvesOfASharedGroup() {
        // For n >= 2 a layer's own whitened error is not a monotone function of the rank (only the
        // alpha-weighted group objective is). The curve still runs from 1 (k = 0) to 0 (k = m).
        const Group g = randomGroup(3, 24, 8, 31);
        const Factorization f = factorize(whiteningOf(sum(g.G, {1, 1, 1}), "t"), g.W, {}, {}, SvdSolver::direct);
        int rises = 0;
        for (int l = 0; l < 3; ++l) {
            const ErrorCurve c = errorCurve(f, std::size_t(l), g.G[std::size_t(l)], g.W[std::size_t(l)]);
            QVERIFY(std::abs(c.whitenedError(0) - 1) < 1e-10 && std::abs(c.frobeniusError(0) - 1) < 1e-10);
            QVERIFY(c.whitenedError(c.maxRank()) < 1e-7);
            for (std::int64_t k = 1; k <= c.maxRank(); ++k)
                rises += c.whitenedError(k) > c.whitenedError(k - 1) + 1e-12;
        }
        qInfo("per-layer whitened error rose with rank %d times over 3 x 24 steps (n = 3, plain sum)", rises);
        // Not guaranteed for n >= 2, but on this seeded group every per-layer curve falls with the rank
        // (0 rises, seen on every run): a change of the factorization that breaks it shows here.
        QCOMPARE(rises, 0);
    }

    void fastCurvesEqualDirectErrors_data() {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("solver");
        QTest::newRow("n=1 direct") << 1 << 1;
        QTest::newRow("n=3 direct") << 3 << 1;
        QTest::newRow("n=3 gram") << 3 << 2;
        QTest::newRow("n=2 wide d_out") << 2 << 1;
    }
    void fastCurvesEqualDirectErrors() {
        QFETCH(int, n);
        QFETCH(int, solver);
        const std::int64_t d_out = n == 2 ? 40 : 12;
        const Group g = randomGroup(n, 24, d_out, 41);
        std::vector<double> beta;
        for (int l = 0; l < n; ++l) beta.push_back(1.0 + 0.7 * l);
        const Factorization f = factorize(whiteningOf(sum(g.G, {1, 0.5, 2}), "t"), g.W, beta, {}, SvdSolver(solver));
        double worst = 0;
        for (int l = 0; l < n; ++l) {
            const ErrorCurve c = errorCurve(f, std::size_t(l), g.G[std::size_t(l)], g.W[std::size_t(l)]);
            QCOMPARE(c.maxRank(), f.maxRank());
            for (std::int64_t k = 0; k <= f.maxRank(); ++k) {
                const LayerError e = directError(
                    g.W[std::size_t(l)], at::matmul(f.basis(k), f.coefficient(std::size_t(l), k)), g.G[std::size_t(l)]);
                worst = std::max(
                    {worst, std::abs(c.whitenedError(k) - e.whitened), std::abs(c.frobeniusError(k) - e.frobenius)});
            }
        }
        qInfo("max |fast - direct| over all layers and ranks: %.3g", worst);
        QVERIFY(worst <= 1e-9);
    }

    void gramSolverEqualsDirectSvd() {
        const Group g = randomGroup(4, 32, 24, 51);  // width 96 >= 2 x 32: automatic picks gram
        const Metric S = whiteningOf(sum(g.G, {1, 1, 1, 1}), "t");
        const Factorization a = factorize(S, g.W, {}, {}, SvdSolver::direct);
        const Factorization b = factorize(S, g.W, {}, {}, SvdSolver::automatic);
        QCOMPARE(b.solver, SvdSolver::gram);
        QVERIFY(relDiff(b.sigma, a.sigma) < 1e-12);
        double worst = 0;
        for (std::int64_t k : {1, 8, 16, 31}) {
            for (std::size_t l = 0; l < 4; ++l)
                worst = std::max(worst, relDiff(at::matmul(b.basis(k), b.coefficient(l, k)),
                                                at::matmul(a.basis(k), a.coefficient(l, k))));
        }
        qInfo("max relative difference of B C_l between the solvers: %.3g", worst);
        QVERIFY(worst < 1e-10);
    }

    void scalingAllAlphaChangesNothing() {
        const Group g = randomGroup(3, 24, 16, 61);
        const std::vector<double> alpha{0.2, 1.0, 3.0};
        std::vector<double> scaled;
        for (double a : alpha) scaled.push_back(a * 1234.5);
        const Factorization a = factorize(whiteningOf(sum(g.G, alpha), "t"), g.W, {}, {}, SvdSolver::direct);
        const Factorization b = factorize(whiteningOf(sum(g.G, scaled), "t"), g.W, {}, {}, SvdSolver::direct);
        for (std::int64_t k : {4, 12, 23}) {
            QVERIFY(relDiff(b.basis(k), a.basis(k)) < 1e-10);
            for (std::size_t l = 0; l < 3; ++l) QVERIFY(relDiff(b.coefficient(l, k), a.coefficient(l, k)) < 1e-10);
        }
        // groupWeights normalises any common factor away.
        std::vector<LayerScale> scales(3), twice(3);
        for (int l = 0; l < 3; ++l) {
            scales[std::size_t(l)] = {l, 100, 10.0 * (l + 1), 5.0 * (l + 1), 2.0 * (l + 1), 1.0 + l};
            twice[std::size_t(l)] = {l, 100, 70.0 * (l + 1), 35.0 * (l + 1), 14.0 * (l + 1), 7.0 + 7 * l};
        }
        for (const char* form : {"inv-trace", "inv-fro", "inv-max-eig", "inv-sqrt-trace", "power:0.7", "inv-output"}) {
            const GroupWeights w1 = groupWeights(AlphaForm::parse(form), scales, MatrixType::q);
            const GroupWeights w2 = groupWeights(AlphaForm::parse(form), twice, MatrixType::q);
            for (std::size_t l = 0; l < 3; ++l) QVERIFY(std::abs(w1.alpha[l] - w2.alpha[l]) < 1e-12);
        }
    }

    void alphaForms() {
        std::vector<LayerScale> s(3);
        for (int l = 0; l < 3; ++l) s[std::size_t(l)] = {l, 50, 4.0 * (l + 1), 2.0, 1.0 + l, 0.5 * (l + 1)};
        auto alpha = [&](const char* form) { return groupWeights(AlphaForm::parse(form), s, MatrixType::gate); };
        const GroupWeights none = alpha("none");
        for (double a : none.alpha) QCOMPARE(a, 1.0);
        const GroupWeights trace = alpha("inv-trace");
        // 1/4 : 1/8 : 1/12, normalised to mean 1
        const double m = (1.0 / 4 + 1.0 / 8 + 1.0 / 12) / 3;
        QVERIFY(std::abs(trace.alpha[0] - 0.25 / m) < 1e-12 && std::abs(trace.alpha[2] - (1.0 / 12) / m) < 1e-12);
        double mean = 0;
        for (double a : trace.alpha) mean += a / 3;
        QVERIFY(std::abs(mean - 1) < 1e-12);
        const GroupWeights power1 = alpha("power:1"), half = alpha("power:0.5"), sqrt_trace = alpha("inv-sqrt-trace");
        for (std::size_t l = 0; l < 3; ++l) {
            QVERIFY(std::abs(power1.alpha[l] - trace.alpha[l]) < 1e-12);
            QVERIFY(std::abs(half.alpha[l] - sqrt_trace.alpha[l]) < 1e-12);
        }
        const GroupWeights normalised = alpha("normalised");
        for (std::size_t l = 0; l < 3; ++l) {
            QVERIFY(std::abs(normalised.alpha[l] * normalised.beta[l] * normalised.beta[l] - 1) < 1e-12);
            QVERIFY(std::abs(normalised.alpha[l] - trace.alpha[l]) < 1e-12);  // 1/s^2 ~ 1/tr at equal tokens
        }
        QCOMPARE(alpha("inv-output").alpha[0] / alpha("inv-output").alpha[1], 2.0);
        s[1].trace = 0;
        try {
            alpha("inv-trace");
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("layer 1, site mlp_in"), e.what());
        }
    }

    void refitNeverRaisesAnyLayersError() {
        const Group g = randomGroup(3, 24, 16, 71);
        const Factorization f = factorize(whiteningOf(sum(g.G, {1, 1, 1}), "t"), g.W, {}, {}, SvdSolver::direct);
        for (std::int64_t k : {2, 6, 12, 20}) {
            const at::Tensor B = f.basis(k);
            for (std::size_t l = 0; l < 3; ++l) {
                const LayerError before = directError(g.W[l], at::matmul(B, f.coefficient(l, k)), g.G[l]);
                const LayerError after =
                    directError(g.W[l], at::matmul(B, refitCoefficient(B, g.G[l], g.W[l])), g.G[l]);
                QVERIFY2(
                    after.whitened <= before.whitened * (1 + 1e-10),
                    qPrintable(
                        QString("k %1 layer %2: %3 -> %4").arg(k).arg(l).arg(before.whitened).arg(after.whitened)));
            }
        }
        // A Gram singular on span B (B^T G B of rank 3 < k = 8) still refits to a minimiser: the
        // normal equations B^T G (W - B C) = 0 hold, and no other coefficient does better.
        const at::Tensor Gs = gramOf(randomInputs(3, 24, 5));  // rank 3
        const at::Tensor B8 = f.basis(8);
        const at::Tensor C = refitCoefficient(B8, Gs, g.W[0]);
        const at::Tensor rhs = at::matmul(B8.t(), at::matmul(Gs, g.W[0]));
        const double normal = relDiff(at::matmul(B8.t(), at::matmul(Gs, at::matmul(B8, C))), rhs);
        qInfo("singular B^T G B: normal-equation residual %.3g", normal);
        QVERIFY2(normal < 1e-6, qPrintable(QString::number(normal)));
        const double refit_energy = gramEnergy(g.W[0] - at::matmul(B8, C), Gs);
        const double own_energy = gramEnergy(g.W[0] - at::matmul(B8, f.coefficient(0, 8)), Gs);
        QVERIFY2(refit_energy <= own_energy * (1 + 1e-8),
                 qPrintable(QString("%1 > %2").arg(refit_energy).arg(own_energy)));
    }

    void singularGramIsShiftedAndReported() {
        const at::Tensor X = randomInputs(10, 32, 81);  // 10 tokens, 32 channels: rank 10
        at::Tensor G = gramOf(X);
        const Metric S = whiteningOf(G, "layer 2, site attn_in");
        qInfo("shift %.3g = %.3g x mean eigenvalue (eps %.3g)", S.shift, S.shift / S.mean_eigenvalue, S.epsilon);
        // The designed shift: eps - lambda_min with eps = kShiftEpsilon tr(G) / d_in at the first
        // attempt, and lambda_min of a rank-10 Gram at rounding level.
        QCOMPARE(S.epsilon, kShiftEpsilon * S.mean_eigenvalue);
        QVERIFY2(std::abs(S.shift - S.epsilon) <= 1e-6 * S.epsilon, qPrintable(QString::number(S.shift)));
        const at::Tensor W = randomMatrix(32, 16, 82);
        const Factorization f = factorize(S, {W}, {}, {}, SvdSolver::direct);
        // sigma: the singular values of S W for S^T S = G + shift I (float64 reference).
        const at::Tensor Gs = G + S.shift * at::eye(32, G.options());
        const at::Tensor SW = at::matmul(at::linalg_cholesky(Gs).t(), W);
        QVERIFY(relDiff(f.sigma, at::linalg_svdvals(SW)) < 1e-10);
        // The rank-5 whitened error in the shifted metric is the dropped sigma (the SVD-LLM identity).
        const LayerError e = directError(W, at::matmul(f.basis(5), f.coefficient(0, 5)), Gs);
        const double tail = std::sqrt(f.sigma.narrow(0, 5, f.sigma.size(0) - 5).square().sum().item<double>());
        QVERIFY2(std::abs(e.whitened - tail / SW.norm().item<double>()) < 1e-10,
                 qPrintable(QString::number(e.whitened)));
        // Exactly singular with a zero channel (a dead input) is shifted too.
        G.index_put_({0}, 0.0);
        G.index_put_({at::indexing::Slice(), 0}, 0.0);
        QVERIFY(whiteningOf(G, "t").shift > 0);
        // The full-rank reconstruction still holds with a shifted metric.
        QVERIFY(relDiff(at::matmul(f.basis(16), f.coefficient(0, 16)), W) < 1e-8);
    }

    void brokenGramsAreErrors() {
        auto message = [](const at::Tensor& G) { return errorOf([&] { whiteningOf(G, "layer 4, site down_in"); }); };
        const at::Tensor zero = at::zeros({8, 8}, at::TensorOptions().dtype(at::kDouble));
        QVERIFY(message(zero).contains("layer 4, site down_in: the Gram is empty"));
        at::Tensor nan = at::eye(8, at::TensorOptions().dtype(at::kDouble));
        nan.index_put_({1, 1}, std::nan(""));
        QVERIFY(message(nan).contains("NaN"));
        QCOMPARE(message(-at::eye(8, at::TensorOptions().dtype(at::kDouble))),
                 QString("layer 4, site down_in: the Gram is not positive semi-definite (trace -8); the calibration "
                         "file is damaged"));
        at::Tensor indefinite = at::eye(8, at::TensorOptions().dtype(at::kDouble));
        indefinite.index_put_({0, 0}, -0.5);
        QVERIFY(message(indefinite).contains("not positive semi-definite"));
    }
};

QTEST_GUILESS_MAIN(TestFactorize)
#include "test_factorize.moc"
