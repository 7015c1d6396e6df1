// Perplexity against the fixture's float64 references (window 256, BOS + 255 scored tokens).
#include "base/error.h"
#include "eval/perplexity.h"
#include "model/llama_forward.h"
#include "test_paths.h"

#include <QtTest>

using namespace basislab;
using namespace basislab::test;

class TestPerplexity : public QObject {
    Q_OBJECT
    std::shared_ptr<LlamaModel> model_;
    nlohmann::json ref_;

    /// NLL sum of one window in float64 with log_softmax by hand: token p+1 from the logits at p.
    static double windowNll(const LlamaModel& model64, const std::vector<std::int64_t>& window) {
        const std::int64_t T = std::int64_t(window.size());
        at::Tensor ids = at::empty({1, T}, at::TensorOptions().dtype(at::kLong));
        for (std::int64_t i = 0; i < T; ++i) ids.data_ptr<std::int64_t>()[i] = window[std::size_t(i)];
        const at::Tensor logits = forward(model64, ids).to(at::kDouble).contiguous();
        const std::int64_t V = logits.size(2);
        const double* x = logits.data_ptr<double>();
        double nll = 0;
        for (std::int64_t p = 0; p + 1 < T; ++p) {
            const double* row = x + p * V;
            double m = row[0], z = 0;
            for (std::int64_t v = 1; v < V; ++v) m = std::max(m, row[v]);
            for (std::int64_t v = 0; v < V; ++v) z += std::exp(row[v] - m);
            nll -= row[window[std::size_t(p + 1)]] - m - std::log(z);
        }
        return nll;
    }

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

    void papersProtocols_data() {
        QTest::addColumn<QString>("protocol");
        QTest::addColumn<int>("text_tokens");
        QTest::addColumn<int>("max_windows");
        QTest::addColumn<int>("windows");
        QTest::addColumn<int>("scored");
        // W = 64; [BOS] + text: 193 tokens = 3 full windows + a one-token final window, 194 = + two tokens.
        QTest::newRow("basis-sharing, one-token final window") << "basis-sharing" << 192 << -1 << 3 << 189;
        QTest::newRow("basis-sharing, two-token final window") << "basis-sharing" << 193 << -1 << 4 << 190;
        QTest::newRow("basis-sharing, partial window") << "basis-sharing" << 230 << -1 << 4 << 189 + 38;
        QTest::newRow("basis-sharing, max windows") << "basis-sharing" << 230 << 2 << 2 << 126;
        QTest::newRow("basis-sharing, exact") << "basis-sharing" << 191 << -1 << 3 << 189;
        QTest::newRow("svd-llm, one-token final window") << "svd-llm" << 192 << -1 << 3 << 189;
        QTest::newRow("svd-llm, remainder dropped") << "svd-llm" << 230 << -1 << 3 << 189;
        QTest::newRow("svd-llm, max windows") << "svd-llm" << 230 << 1 << 1 << 63;
        QTest::newRow("basislab") << "basislab" << 230 << -1 << 3 << 189;
    }
    void papersProtocols() {
        QFETCH(QString, protocol);
        QFETCH(int, text_tokens);
        QFETCH(int, max_windows);
        QFETCH(int, windows);
        QFETCH(int, scored);
        const int W = 64;
        const std::vector<int> all =
            model_->requireTokenizer().encode(readUtf8File(textPath("tinystories_sample.txt")));
        const std::vector<int> ids(all.begin(), all.begin() + text_tokens);
        ModelOptions o64;
        o64.compute.dtype = "float64";
        const auto model64 = LlamaModel::open(storiesModel(), o64);

        // The windows, written out from the protocol's definition.
        std::vector<std::vector<std::int64_t>> cut;
        if (protocol == "basislab") {
            for (std::size_t w = 0; (w + 1) * (W - 1) <= ids.size(); ++w) {
                cut.push_back({1});
                for (int i = 0; i < W - 1; ++i) cut.back().push_back(ids[w * (W - 1) + std::size_t(i)]);
            }
        } else {
            std::vector<std::int64_t> seq{1};
            seq.insert(seq.end(), ids.begin(), ids.end());
            for (std::size_t b = 0; b < seq.size(); b += W) {
                const std::size_t e = std::min(seq.size(), b + W);
                if (e - b == std::size_t(W) || (protocol == "basis-sharing" && e - b >= 2))
                    cut.emplace_back(seq.begin() + std::ptrdiff_t(b), seq.begin() + std::ptrdiff_t(e));
            }
        }
        if (max_windows >= 0) {
            while (cut.size() > std::size_t(max_windows)) cut.pop_back();
        }
        QCOMPARE(int(cut.size()), windows);
        double total = 0, mean_of_means = 0;
        std::int64_t count = 0;
        for (const auto& w : cut) {
            const double nll = windowNll(*model64, w);
            total += nll;
            count += std::int64_t(w.size()) - 1;
            mean_of_means += nll / double(w.size() - 1) / double(cut.size());
        }
        QCOMPARE(count, std::int64_t(scored));
        const double want = protocol == "basis-sharing" ? std::exp(mean_of_means) : std::exp(total / double(count));

        PerplexityOptions o;
        o.protocol = *parsePerplexityProtocol(protocol.toStdString());
        o.window = W;
        o.max_windows = max_windows;
        const PerplexityResult r64 = perplexity(*model64, ids, o);
        QCOMPARE(r64.windows, std::int64_t(windows));
        QCOMPARE(r64.scored_tokens, std::int64_t(scored));
        QCOMPARE(r64.text_tokens, std::int64_t(text_tokens));
        QVERIFY2(std::abs(r64.ppl / want - 1) < 1e-10, qPrintable(QString::number(r64.ppl / want - 1)));
        const PerplexityResult r32 = perplexity(*model_, ids, o);
        QVERIFY(std::abs(r32.ppl / want - 1) < 1e-5);
    }

    void protocolNames() {
        for (PerplexityProtocol p : kPerplexityProtocols) QCOMPARE(parsePerplexityProtocol(name(p)), p);
        QVERIFY(!parsePerplexityProtocol("basis_sharing"));
        QCOMPARE(perplexityProtocolNames(), std::string("basislab, basis-sharing, svd-llm"));
    }

    void nonFiniteLossNamesTheWindow() {
        const LlamaConfig& c = model_->config();
        ProjectionOverrides nan;
        nan[{0, MatrixType::q}].weight = at::full({c.num_attention_heads * c.head_dim, c.hidden_size}, NAN,
                                                  at::TensorOptions().dtype(model_->dtype()));
        for (PerplexityProtocol p : kPerplexityProtocols) {
            PerplexityOptions o;
            o.protocol = p;
            o.window = 64;
            try {
                perplexity(*model_, std::vector<int>(200, 5), o, {}, &nan);
                QFAIL("no error");
            } catch (const Error& e) {
                QVERIFY2(QString(e.what()).startsWith(QStringLiteral("window 1 of ")) &&
                             QString(e.what()).contains(QStringLiteral("non-finite loss")),
                         e.what());
            }
        }
    }

    void papersProtocolsNeedOneWindow() {
        PerplexityOptions o;
        o.protocol = PerplexityProtocol::svd_llm;
        o.window = 64;
        try {
            perplexity(*model_, std::vector<int>(62, 5), o);  // 63 tokens with BOS
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("fewer than one window of 64"));
        }
        o.protocol = PerplexityProtocol::basis_sharing;  // a single partial window is one window
        QCOMPARE(perplexity(*model_, std::vector<int>(62, 5), o).windows, std::int64_t(1));
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
