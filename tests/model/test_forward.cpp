// The Llama forward pass against independent references: llama2.c-checked logits of stories260k,
// its greedy continuation, and the float64 logits of the sharded bf16 checkpoint.
#include "eval/generate.h"
#include "model/llama_forward.h"
#include "test_paths.h"

#include <c10/core/InferenceMode.h>

#include <QtTest>

using namespace basislab;
using namespace basislab::test;

namespace {
std::shared_ptr<LlamaModel> openModel(const std::string& dir, const std::string& dtype) {
    ModelOptions o;
    o.compute.dtype = dtype;
    return LlamaModel::open(dir, o);
}
}  // namespace

class TestForward : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void storiesLogitsMatchReference_data() {
        QTest::addColumn<QString>("dtype");
        QTest::addColumn<double>("tolerance");
        // The reference is float64 numpy, cross-checked with run.c to 1.6e-5.
        QTest::newRow("float32") << "float32" << 1e-4;
        QTest::newRow("float64") << "float64" << 1e-5;
    }
    void storiesLogitsMatchReference() {
        QFETCH(QString, dtype);
        QFETCH(double, tolerance);
        const auto model = openModel(storiesModel(), dtype.toStdString());
        const auto ref = readJson(referenceDir() + "/greedy_once_upon_a_time.json");
        const std::vector<std::int64_t> seq = ref["greedy_ids_full_sequence"].get<std::vector<std::int64_t>>();
        const std::vector<float> expected = readF32(referenceDir() + "/greedy_once_upon_a_time.logits.f32");
        QCOMPARE(expected.size(), std::size_t(68 * 512));
        c10::InferenceMode guard;
        const at::Tensor ids = at::tensor(std::vector<std::int64_t>(seq.begin(), seq.begin() + 68)).unsqueeze(0);
        const at::Tensor logits = forward(*model, ids).squeeze(0).to(at::kDouble);  // [68, 512]
        const at::Tensor want =
            at::from_blob(const_cast<float*>(expected.data()), {68, 512}, at::kFloat).to(at::kDouble);
        const double maxdiff = (logits - want).abs().max().item<double>();
        qInfo("stories260k %s logits: max |diff| = %.3g over 68 x 512", qPrintable(dtype), maxdiff);
        QVERIFY(maxdiff < tolerance);
    }

    void greedyGenerationMatchesRunC() {
        const auto model = openModel(storiesModel(), "float32");
        const auto ref = readJson(referenceDir() + "/greedy_once_upon_a_time.json");
        const GenerateResult r = generateGreedy(*model, "Once upon a time", 64);
        QCOMPARE(r.prompt_ids, ref["prompt_ids"].get<std::vector<int>>());
        QCOMPARE(r.generated_ids, ref["greedy_generated_ids"].get<std::vector<int>>());
        QCOMPARE(r.text, ref["greedy_text"].get<std::string>());
    }

    void shardedBf16Logits() {
        const auto model = openModel(shardedModel(), "float32");
        const auto ref = readJson(shardedModel() + "/reference_logits.json");
        c10::InferenceMode guard;
        const at::Tensor ids = at::tensor(ref["input_ids"].get<std::vector<std::int64_t>>()).unsqueeze(0);
        const at::Tensor logits = forward(*model, ids).squeeze(0).to(at::kDouble);  // [16, 512]
        const auto last = ref["last_position_logits_float64"].get<std::vector<double>>();
        const at::Tensor want = at::tensor(last, at::kDouble);
        const double maxdiff = (logits[-1] - want).abs().max().item<double>();
        qInfo("tiny-random-sharded bf16: max |diff| of the 512 last-position logits = %.3g", maxdiff);
        QVERIFY(maxdiff < 1e-3);
        const auto argmax = ref["argmax_per_position_float64"].get<std::vector<std::int64_t>>();
        const at::Tensor got = logits.argmax(-1);
        for (std::size_t p = 0; p < argmax.size(); ++p) QCOMPARE(got[std::int64_t(p)].item<std::int64_t>(), argmax[p]);
    }

    void bf16Decoding() {
        // The fixture lists raw bf16 bit patterns and their decoded values for two tensors.
        const auto model = openModel(shardedModel(), "float64");
        const auto ref = readJson(shardedModel() + "/reference_logits.json");
        const auto& decoded = ref["first_values_decoded"];
        QVERIFY(decoded.is_object() && !decoded.empty());
        for (auto it = decoded.begin(); it != decoded.end(); ++it) {
            const std::vector<double> want = it->get<std::vector<double>>();
            const std::string tensor = it.key().substr(0, it.key().find('['));  // "name[0,:4]"
            const at::Tensor t = model->load(tensor).flatten();
            for (std::size_t i = 0; i < want.size(); ++i) QCOMPARE(t[std::int64_t(i)].item<double>(), want[i]);
        }
    }

    void observerSeesFourSitesPerLayer() {
        const auto model = openModel(storiesModel(), "float32");
        c10::InferenceMode guard;
        std::vector<std::string> seen;
        const at::Tensor ids = at::tensor(std::vector<std::int64_t>{1, 403, 407, 261, 378}).unsqueeze(0);
        forward(*model, ids, [&](int layer, Site site, const at::Tensor& x) {
            seen.push_back(std::to_string(layer) + name(site));
            QCOMPARE(x.size(0), std::int64_t(1));
            QCOMPARE(x.size(1), std::int64_t(5));
            QCOMPARE(x.size(2), model->config().siteWidth(site));
        });
        QCOMPARE(seen.size(), std::size_t(5 * 4));
        QCOMPARE(seen.front(), std::string("0attn_in"));
        QCOMPARE(seen.back(), std::string("4down_in"));
    }

    void streamingEqualsResident() {
        ModelOptions stream;
        stream.residency = Residency::Stream;
        const auto a = LlamaModel::open(storiesModel(), stream);
        const auto b = openModel(storiesModel(), "float32");
        QVERIFY(!a->resident());
        QVERIFY(b->resident());
        c10::InferenceMode guard;
        const at::Tensor ids = at::tensor(std::vector<std::int64_t>{1, 403, 407, 261, 378}).unsqueeze(0);
        QVERIFY(at::equal(forward(*a, ids), forward(*b, ids)));
    }
};

QTEST_GUILESS_MAIN(TestForward)
#include "test_forward.moc"
