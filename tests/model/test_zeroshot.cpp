// Zero-shot scoring against an independent float64 recomputation: the lm-eval 0.4.3 request
// encoding re-derived here, the model run on each (context, continuation) alone without padding,
// and log_softmax done by hand over the logits.
#include "base/error.h"
#include "eval/task_file.h"
#include "eval/zeroshot.h"
#include "model/llama_forward.h"
#include "test_paths.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace basislab;
using namespace basislab::test;

namespace {

std::string taskPath(const std::string& file) {
    return dataDir() + "/zeroshot/" + file;
}

/// lm-eval 0.4.3 for a causal LM: _encode_pair, and [BOS] for an empty context.
std::pair<std::vector<int>, std::vector<int>> referencePair(const Tokenizer& tok, int bos, std::string context,
                                                            std::string continuation) {
    if (context.empty()) return {{bos}, tok.encode(continuation)};
    const std::size_t keep = context.find_last_not_of(" \t\n\r\v\f") + 1;  // the files use ASCII whitespace
    continuation = context.substr(keep) + continuation;
    context.resize(keep);
    const std::vector<int> whole = tok.encode(context + continuation), ctx = tok.encode(context);
    return {ctx, std::vector<int>(whole.begin() + std::ptrdiff_t(ctx.size()), whole.end())};
}

/// Sum of log p(continuation) with everything in float64 and log_softmax by hand.
double referenceLoglikelihood(const LlamaModel& model64, const std::pair<std::vector<int>, std::vector<int>>& pair,
                              int max_length, bool* truncated = nullptr) {
    std::vector<int> all = pair.first;
    all.insert(all.end(), pair.second.begin(), pair.second.end());
    if (truncated) *truncated = all.size() > std::size_t(max_length) + 1;
    if (all.size() > std::size_t(max_length) + 1) all.erase(all.begin(), all.end() - (max_length + 1));
    const std::int64_t n = std::int64_t(all.size()) - 1, k = std::int64_t(pair.second.size());
    at::Tensor ids = at::empty({1, n}, at::TensorOptions().dtype(at::kLong));
    for (std::int64_t i = 0; i < n; ++i) ids[0][i] = all[std::size_t(i)];
    const at::Tensor logits = forward(model64, ids).to(at::kDouble).contiguous();  // [1, n, vocab]
    const std::int64_t V = logits.size(2);
    const double* x = logits.data_ptr<double>();
    double sum = 0;
    for (std::int64_t p = n - k; p < n; ++p) {
        const double* row = x + p * V;
        double m = row[0];
        for (std::int64_t v = 1; v < V; ++v) m = std::max(m, row[v]);
        double z = 0;
        for (std::int64_t v = 0; v < V; ++v) z += std::exp(row[v] - m);
        sum += row[all[std::size_t(p + 1)]] - m - std::log(z);
    }
    return sum;
}

int firstArgmax(const std::vector<double>& v) {
    int best = 0;
    for (int i = 1; i < int(v.size()); ++i)
        if (v[std::size_t(i)] > v[std::size_t(best)]) best = i;
    return best;
}

}  // namespace

class TestZeroShot : public QObject {
    Q_OBJECT
    std::shared_ptr<LlamaModel> model_, model64_;

    /// Checks a task file's scores against the float64 recomputation; counts the documents where
    /// acc and acc_norm pick differently in `disagree`.
    void checkTask(const std::string& file, int max_length, double tolerance, const LlamaModel& model,
                   int* disagree_out = nullptr) {
        const TaskFile task = readTaskFile(taskPath(file));
        ZeroShotOptions o;
        o.max_length = max_length;
        const auto scores = zeroShot(model, {taskPath(file)}, o);
        const ZeroShotTaskScores& s = scores.at(0);
        const Tokenizer& tok = model.requireTokenizer();
        const int bos = model.config().bos_token_id;
        double correct = 0, correct_norm = 0;
        int disagree = 0;
        for (std::size_t d = 0; d < task.documents.size(); ++d) {
            const TaskDocument& doc = task.documents[d];
            std::vector<double> ref, norm;
            for (std::size_t i = 0; i < doc.contexts.size(); ++i) {
                ref.push_back(referenceLoglikelihood(
                    *model64_, referencePair(tok, bos, doc.contexts[i], doc.continuations[i]), max_length));
                const double got = s.loglikelihoods[d][i];
                if (std::abs(got - ref.back()) > tolerance * std::max(1.0, std::abs(ref.back())))
                    qFatal("%s line %d choice %zu: %.12f, reference %.12f", file.c_str(), doc.line, i, got, ref.back());
                if (!task.partial) norm.push_back(ref.back() / doc.choice_lengths[i]);
            }
            const int pred = firstArgmax(ref);
            QCOMPARE(s.pred[d], pred);
            correct += pred == doc.gold;
            if (!task.partial) {
                const int pred_norm = firstArgmax(norm);
                QCOMPARE(s.pred_norm[d], pred_norm);
                correct_norm += pred_norm == doc.gold;
                disagree += pred != pred_norm;
            }
        }
        const double n = double(task.documents.size());
        QCOMPARE(s.result.documents, std::int64_t(task.documents.size()));
        QCOMPARE(s.result.acc, correct / n);
        QVERIFY(std::abs(s.result.acc_stderr - std::sqrt(correct / n * (1 - correct / n) / (n - 1))) < 1e-15);
        if (task.partial) {
            QVERIFY(std::isnan(s.result.acc_norm));
        } else {
            QCOMPARE(s.result.acc_norm, correct_norm / n);
            QVERIFY(std::abs(s.result.acc_norm_stderr -
                             std::sqrt(correct_norm / n * (1 - correct_norm / n) / (n - 1))) < 1e-15);
        }
        if (disagree_out) *disagree_out = disagree;
    }

private Q_SLOTS:
    void initTestCase() {
        model_ = LlamaModel::open(storiesModel());
        ModelOptions o;
        o.compute.dtype = "float64";
        model64_ = LlamaModel::open(storiesModel(), o);
    }

    void readsBothForms() {
        const TaskFile a = readTaskFile(taskPath("choices.jsonl"));
        QCOMPARE(a.name, std::string("choices"));
        QVERIFY(!a.partial);
        QCOMPARE(a.documents.size(), std::size_t(7));
        // Strings as written; a target_delimiter is prepended but not counted in the length.
        QCOMPARE(a.documents[1].contexts[0], std::string("Tom and Lily went to the "));
        QCOMPARE(a.documents[1].continuations[2], std::string("big café"));
        QCOMPARE(a.documents[1].choice_lengths[2], 8.0);  // code points, not bytes
        QCOMPARE(a.documents[4].continuations[1], std::string("mat"));
        const TaskFile b = readTaskFile(taskPath("partial.jsonl"));
        QVERIFY(b.partial);
        QCOMPARE(b.documents.size(), std::size_t(4));
        QCOMPARE(b.documents[0].continuations[1], std::string(" wanted her to be happy."));
        QVERIFY(b.documents[0].choice_lengths.empty());
    }

    void encodingMovesTrailingWhitespace() {
        const Tokenizer& tok = model_->requireTokenizer();
        const EncodedPair p = encodePair(tok, 1, "Tom and Lily went to the ", "park");
        QCOMPARE(p.context, tok.encode("Tom and Lily went to the"));
        const std::vector<int> whole = tok.encode("Tom and Lily went to the park");
        QCOMPARE(p.continuation, std::vector<int>(whole.begin() + std::ptrdiff_t(p.context.size()), whole.end()));
        const EncodedPair e = encodePair(tok, 1, "", "Once upon a time");
        QCOMPARE(e.context, std::vector<int>{1});
        QCOMPARE(e.continuation, tok.encode("Once upon a time"));
        // Python's str.isspace(): a no-break space and an ideographic space are whitespace too.
        QCOMPARE(trailingWhitespaceBytes("a\u00a0\u3000 \n"), std::size_t(2 + 3 + 1 + 1));
        QCOMPARE(trailingWhitespaceBytes("a\u00e9"), std::size_t(0));
    }

    void longContextIsTruncatedFromTheLeft() {
        const TaskFile a = readTaskFile(taskPath("choices.jsonl"));
        const TaskDocument& doc = a.documents[6];
        bool truncated = false;
        referenceLoglikelihood(*model64_,
                               referencePair(model_->requireTokenizer(), 1, doc.contexts[0], doc.continuations[0]),
                               model_->config().max_position_embeddings, &truncated);
        QVERIFY(truncated);  // longer than the model's 512 positions
    }

    void choicesMatchTheFloat64Reference() {
        // float64 through the whole pipeline (batched, right-padded) against the unpadded recomputation.
        int disagree = 0;
        checkTask("choices.jsonl", 512, 1e-9, *model64_, &disagree);
        QVERIFY2(disagree >= 1, "the file must hold a document where acc and acc_norm disagree");
        // float32, the default, within float32 accuracy; and a window of 24 truncating most documents.
        checkTask("choices.jsonl", 512, 2e-4, *model_);
        checkTask("choices.jsonl", 24, 1e-9, *model64_);
    }

    void partialScoringMatchesTheFloat64Reference() {
        checkTask("partial.jsonl", 512, 1e-9, *model64_);
        checkTask("partial.jsonl", 512, 2e-4, *model_);
    }

    void meanOverTasks() {
        const auto r = zeroShotResults(zeroShot(*model_, {taskPath("choices.jsonl"), taskPath("partial.jsonl")}));
        QCOMPARE(r.size(), std::size_t(2));
        QCOMPARE(r[1].task, std::string("partial"));
        QCOMPARE(meanAccuracy(r), (r[0].acc + r[1].acc) / 2);
    }

    void progressAndCancel() {
        int calls = 0;
        std::int64_t last = 0, total = 0;
        zeroShot(*model_, {taskPath("partial.jsonl")}, {}, [&](const Progress& p) {
            ++calls;
            last = p.done;
            total = p.total;
            return true;
        });
        QVERIFY(calls >= 4);
        QCOMPARE(total, std::int64_t(4));
        QCOMPARE(last, std::int64_t(4));
        int n = 0;
        QVERIFY_THROWS_EXCEPTION(
            Cancelled, zeroShot(*model_, {taskPath("choices.jsonl")}, {}, [&](const Progress&) { return ++n < 3; }));
    }

    void badFilesNameFileAndLine_data() {
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("message");
        const QString ok = QStringLiteral("{\"context\": \"a\", \"choices\": [\" b\", \" c\"], \"gold\": 0}\n");
        QTest::newRow("json") << ok + "{not json\n"
                              << "line 2: not valid JSON";
        QTest::newRow("gold") << ok + "\n{\"context\": \"a\", \"choices\": [\" b\", \" c\"], \"gold\": 2}\n"
                              << "line 3: \"gold\" 2 is not the index of a choice";
        QTest::newRow("form") << ok + "{\"contexts\": [\"a\", \"b\"], \"continuation\": \" c\", \"gold\": 0}\n"
                              << "line 2: mixes the two document forms";
        QTest::newRow("both") << "{\"context\": \"a\", \"contexts\": [\"a\", \"b\"], \"gold\": 0}\n"
                              << "line 1: a document has either";
        QTest::newRow("choices") << "{\"context\": \"a\", \"choices\": [\" b\"], \"gold\": 0}\n"
                                 << "line 1: \"choices\" must be an array of 2 or more strings";
        QTest::newRow("blank") << "{\"context\": \"  \", \"choices\": [\" b\", \" c\"], \"gold\": 0}\n"
                               << "line 1: a context of only whitespace";
        QTest::newRow("empty") << "\n\n"
                               << "holds no documents";
    }
    void badFilesNameFileAndLine() {
        QFETCH(QString, content);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.jsonl"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content.toUtf8());
        f.close();
        try {
            readTaskFile(path.toStdString());
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains(message) && QString(e.what()).contains(path), e.what());
        }
    }

    void continuationLongerThanTheWindowIsAnError() {
        try {
            ZeroShotOptions o;
            o.max_length = 2;
            zeroShot(*model_, {taskPath("partial.jsonl")}, o);
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("partial.jsonl' line 1, choice 0: the continuation has"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestZeroShot)
#include "test_zeroshot.moc"
