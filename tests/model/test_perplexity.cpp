// Perplexity against the fixture's float64 references (window 256, BOS + 255 scored tokens).
#include "base/error.h"
#include "eval/perplexity.h"
#include "test_paths.h"

#include <QtTest>

using namespace basislab;
using namespace basislab::test;

class TestPerplexity : public QObject {
    Q_OBJECT
    std::shared_ptr<LlamaModel> model_;
    nlohmann::json ref_;

private Q_SLOTS:
    void initTestCase() {
        model_ = LlamaModel::open(storiesModel());
        ref_ = readJson(referenceDir() + "/perplexity.json")["results"];
    }

    void windowsFollowTheProtocol() {
        const std::vector<int> ids{10, 11, 12, 13, 14, 15, 16};
        const at::Tensor w = perplexityWindows(ids, 4, 1, -1);  // chunks of 3, the last incomplete one dropped
        QCOMPARE(w.size(0), std::int64_t(2));
        QCOMPARE(w[0][0].item<std::int64_t>(), std::int64_t(1));
        QCOMPARE(w[1][1].item<std::int64_t>(), std::int64_t(13));
        QCOMPARE(w[1][3].item<std::int64_t>(), std::int64_t(15));
        QCOMPARE(perplexityWindows(ids, 4, 1, 1).size(0), std::int64_t(1));
        QVERIFY_THROWS_EXCEPTION(Error, perplexityWindows(ids, 1, 1, -1));
    }

    void wholeTexts_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("key");
        QTest::newRow("TinyStories-valid") << "TinyStories-valid.txt"
                                           << "TinyStories-valid:as_is";
        QTest::newRow("tinystories_sample") << "tinystories_sample.txt"
                                            << "tinystories_sample:as_is";
    }
    void wholeTexts() {
        QFETCH(QString, file);
        QFETCH(QString, key);
        const auto& ref = ref_[key.toStdString()];
        PerplexityOptions o;
        o.window = 256;
        const PerplexityResult r = perplexityOfFile(*model_, textPath(file.toStdString()), o);
        QCOMPARE(r.windows, ref["n_windows"].get<std::int64_t>());
        QCOMPARE(r.scored_tokens, ref["n_scored_tokens"].get<std::int64_t>());
        QCOMPARE(r.text_tokens, ref["n_tokens_total"].get<std::int64_t>());
        const double want = ref["ppl_float64"].get<double>();
        qInfo("%s: ppl %.6f (reference %.6f, rel. diff %.2g)", qPrintable(file), r.ppl, want,
              std::abs(r.ppl / want - 1));
        QVERIFY(std::abs(r.ppl / want - 1) < 1e-4);  // 0.01 %
        const auto first4 = ref["window_sum_nll_first4_float64"].get<std::vector<double>>();
        for (std::size_t i = 0; i < first4.size(); ++i) QVERIFY(std::abs(r.window_nll[i] / first4[i] - 1) < 1e-5);
    }

    void wikiFirst64Windows() {
        const auto& ref = ref_["wiki.test:as_is"];
        PerplexityOptions o;
        o.window = 256;
        o.max_windows = 64;
        const PerplexityResult r = perplexityOfFile(*model_, textPath("wiki.test.raw"), o);
        QCOMPARE(r.windows, std::int64_t(64));
        const double want = ref["ppl_float64_on_those_windows"].get<double>();
        qInfo("wiki.test first 64 windows: ppl %.6f (reference %.6f)", r.ppl, want);
        QVERIFY(std::abs(r.ppl / want - 1) < 1e-4);
    }

    void streamedWavesEqualOneWave() {
        PerplexityOptions one;
        one.window = 64;
        one.max_windows = 20;
        PerplexityOptions many = one;
        many.hidden_budget_bytes = 3 * 64 * 64 * 4;  // three windows per wave
        const std::string text = textPath("tinystories_sample.txt");
        const auto a = perplexityOfFile(*model_, text, one);
        const auto b = perplexityOfFile(*model_, text, many);
        QCOMPARE(a.windows, b.windows);
        QVERIFY(std::abs(a.ppl / b.ppl - 1) < 1e-6);
    }

    void cancels() {
        PerplexityOptions o;
        o.window = 256;
        int calls = 0;
        QVERIFY_THROWS_EXCEPTION(Cancelled, perplexityOfFile(*model_, textPath("TinyStories-valid.txt"), o,
                                                             [&](const Progress&) { return ++calls < 2; }));
        QCOMPARE(calls, 2);
    }

    void textTooShort() {
        PerplexityOptions o;
        o.window = 512;
        try {
            perplexity(*model_, std::vector<int>(100, 5), o);
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("fewer than one window"));
        }
    }
};

QTEST_GUILESS_MAIN(TestPerplexity)
#include "test_perplexity.moc"
