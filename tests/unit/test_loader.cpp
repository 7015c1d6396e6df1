// The checkpoint loader against deliberately broken files: every case must give a clear error
// that names the thing at fault, never a crash.
#include "base/error.h"
#include "model/llama_model.h"
#include "model/safetensors.h"
#include "safetensors_writer.h"
#include "test_helpers.h"
#include "test_paths.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

using namespace basislab;
using namespace basislab::test;
namespace fs = std::filesystem;

namespace {

std::string le64(std::uint64_t n) {
    std::string s(8, '\0');
    for (int i = 0; i < 8; ++i) s[std::size_t(i)] = char((n >> (8 * i)) & 0xff);
    return s;
}

RawTensor f32(const std::string& name, std::vector<std::int64_t> shape) {
    std::int64_t n = 1;
    for (auto d : shape) n *= d;
    return {name, "F32", shape, floats(std::size_t(n))};
}

/// Copies the sharded fixture into `dir` so a case can break it.
void copyModel(const std::string& from, const std::string& to) {
    fs::create_directories(to);
    for (const auto& e : fs::directory_iterator(from)) fs::copy_file(e.path(), fs::path(to) / e.path().filename());
}

/// Writes all tensors of the sharded fixture, minus `skip`, as one model.safetensors in `dir`.
void writeSingleFile(const std::string& dir, const std::string& skip) {
    const auto ckpt = Checkpoint::open(shardedModel());
    std::vector<RawTensor> tensors;
    for (const auto& name : ckpt->names()) {
        if (name == skip) continue;
        const TensorInfo& t = ckpt->tensor(name);
        tensors.push_back(
            {name, basislab::name(t.dtype), t.shape, std::string(reinterpret_cast<const char*>(t.data), t.nbytes)});
    }
    fs::create_directories(dir);
    fs::copy_file(shardedModel() + "/config.json", dir + "/config.json");
    writeFile(dir + "/model.safetensors", fileFor(tensors));
}

}  // namespace

class TestLoader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void validFileReadsEveryField() {
        QTemporaryDir tmp;
        const std::string path = tmp.filePath("ok.safetensors").toStdString();
        writeFile(path, fileFor({f32("a", {2, 3}), {"b", "BF16", {4}, std::string(8, '\x3f')}, {"c", "F16", {0}, ""}}));
        SafetensorsFile file(path);
        QCOMPARE(file.tensors().size(), std::size_t(3));
        const TensorInfo* a = file.find("a");
        QVERIFY(a);
        QCOMPARE(a->dtype, DType::F32);
        QCOMPARE(a->numel(), std::int64_t(6));
        float v = 0;
        std::memcpy(&v, a->data + 5 * 4, 4);
        QCOMPARE(v, 5.f);
        QCOMPARE(file.find("b")->dtype, DType::BF16);
        QCOMPARE(file.find("c")->nbytes, std::size_t(0));
        QCOMPARE(file.metadata().at("format"), std::string("pt"));
    }

    // ---- single files: header, offsets, dtypes ------------------------------------------------
    void malformedFile_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        const std::string ok_data = floats(6);
        auto add = [](const char* tag, const std::string& bytes, const char* expected) {
            QTest::newRow(tag) << QByteArray(bytes.data(), int(bytes.size())) << QString(expected);
        };
        add("empty file", "", "truncated");
        add("shorter than the length field", std::string(5, '\0'), "truncated");
        add("header length past the end", le64(1000) + "{}", "runs past the end of the file");
        add("header length zero", le64(0) + "{}", "header length is 0");
        add("bad JSON", fileWithHeader("{\"a\": {\"dtype\": \"F32\",", ""), "not valid JSON");
        add("header not an object", fileWithHeader("[1, 2, 3]", ""), "not a JSON object");
        add("entry not an object", fileWithHeader(R"({"a": 3})", ""), "entry is not an object");
        add("missing dtype", fileWithHeader(R"({"a": {"shape": [6], "data_offsets": [0, 24]}})", ok_data),
            "missing or non-string 'dtype'");
        add("unsupported dtype F64",
            fileWithHeader(R"({"a": {"dtype": "F64", "shape": [3], "data_offsets": [0, 24]}})", ok_data),
            "dtype F64 is not supported");
        add("unknown dtype",
            fileWithHeader(R"({"a": {"dtype": "Q4_K", "shape": [6], "data_offsets": [0, 24]}})", ok_data),
            "unknown dtype 'Q4_K'");
        add("negative shape",
            fileWithHeader(R"({"a": {"dtype": "F32", "shape": [-6], "data_offsets": [0, 24]}})", ok_data),
            "shape entry must be a non-negative integer");
        add("offsets not a pair",
            fileWithHeader(R"({"a": {"dtype": "F32", "shape": [6], "data_offsets": [0]}})", ok_data),
            "'data_offsets' must be an array [begin, end]");
        add("end before begin",
            fileWithHeader(R"({"a": {"dtype": "F32", "shape": [6], "data_offsets": [24, 0]}})", ok_data),
            "end before begin");
        add("offset out of range",
            fileWithHeader(R"({"a": {"dtype": "F32", "shape": [6], "data_offsets": [0, 48]}})", ok_data),
            "past the data section");
        add("dtype/shape byte mismatch",
            fileWithHeader(R"({"a": {"dtype": "F32", "shape": [5], "data_offsets": [0, 24]}})", ok_data),
            "which need 20");
        add("overlapping tensors",
            fileWithHeader(R"({"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]},
                               "b": {"dtype": "F32", "shape": [4], "data_offsets": [8, 24]}})",
                           ok_data),
            "overlaps");
        add("hole between tensors",
            fileWithHeader(R"({"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                               "b": {"dtype": "F32", "shape": [2], "data_offsets": [16, 24]}})",
                           ok_data),
            "hole of 8 bytes before tensor 'b'");
        add("trailing bytes",
            fileWithHeader(R"({"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}})", ok_data),
            "8 bytes after the last tensor");
        const std::string whole = fileFor({f32("w", {8, 8})});
        add("truncated data section", whole.substr(0, whole.size() - 100), "past the data section");
    }
    void malformedFile() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QTemporaryDir tmp;
        const std::string path = tmp.filePath("bad.safetensors").toStdString();
        writeFile(path, bytes.toStdString());
        const QString err = errorOf([&] { SafetensorsFile file(path); });
        QVERIFY2(err.contains(expected), qPrintable("got: " + err));
        QVERIFY2(err.contains("bad.safetensors"), qPrintable("error does not name the file: " + err));
    }

    // ---- model folders: shards, tensors, config ---------------------------------------------
    void shardedFixtureOpens() {
        const auto ckpt = Checkpoint::open(shardedModel());
        QCOMPARE(ckpt->files().size(), std::size_t(2));
        QCOMPARE(ckpt->totalBytes(), std::size_t(500864));  // the index's total_size
        QVERIFY(ckpt->find("lm_head.weight"));
    }

    void missingShard() {
        QTemporaryDir tmp;
        const std::string dir = tmp.filePath("m").toStdString();
        copyModel(shardedModel(), dir);
        fs::remove(dir + "/model-00002-of-00002.safetensors");
        const QString err = errorOf([&] { Checkpoint::open(dir); });
        QVERIFY2(err.contains("missing shard") && err.contains("model-00002-of-00002.safetensors"), qPrintable(err));
    }

    void indexPointsToWrongShard() {
        QTemporaryDir tmp;
        const std::string dir = tmp.filePath("m").toStdString();
        copyModel(shardedModel(), dir);
        auto index = readJson(dir + "/model.safetensors.index.json");
        index["weight_map"]["lm_head.weight"] = "model-00001-of-00002.safetensors";
        writeFile(dir + "/model.safetensors.index.json", index.dump());
        const QString err = errorOf([&] { Checkpoint::open(dir); });
        QVERIFY2(err.contains("'lm_head.weight'") && err.contains("does not contain it"), qPrintable(err));
    }

    void indexNotJson() {
        QTemporaryDir tmp;
        const std::string dir = tmp.filePath("m").toStdString();
        copyModel(shardedModel(), dir);
        writeFile(dir + "/model.safetensors.index.json", "{\"weight_map\": ");
        const QString err = errorOf([&] { Checkpoint::open(dir); });
        QVERIFY2(err.contains("model.safetensors.index.json") && err.contains("not valid JSON"), qPrintable(err));
    }

    void duplicateTensorAcrossShards() {
        QTemporaryDir tmp;
        const std::string dir = tmp.filePath("m").toStdString();
        fs::create_directories(dir);
        writeFile(dir + "/a.safetensors", fileFor({f32("x", {2})}));
        writeFile(dir + "/b.safetensors", fileFor({f32("x", {2})}));
        writeFile(dir + "/model.safetensors.index.json",
                  R"({"weight_map": {"x": "a.safetensors", "y": "b.safetensors"}})");
        const QString err = errorOf([&] { Checkpoint::open(dir); });
        QVERIFY2(err.contains("'x' appears twice"), qPrintable(err));
    }

    void pickleRefused() {
        QTemporaryDir tmp;
        const std::string dir = tmp.filePath("m").toStdString();
        fs::create_directories(dir);
        fs::copy_file(shardedModel() + "/config.json", dir + "/config.json");
        writeFile(dir + "/pytorch_model.bin", std::string("\x80\x02}q\x00.", 6));  // a pickle opcode stream
        const QString err = errorOf([&] { LlamaModel::open(dir); });
        QVERIFY2(err.contains("refusing pickle checkpoint") && err.contains("pytorch_model.bin") &&
                     err.contains("execute arbitrary code"),
                 qPrintable(err));
    }

    void noWeights() {
        QTemporaryDir tmp;
        const QString err = errorOf([&] { Checkpoint::open(tmp.path().toStdString()); });
        QVERIFY2(err.contains("no weights"), qPrintable(err));
    }

    void missingFolder() {
        const QString err = errorOf([&] { LlamaModel::open("/nonexistent/basislab-model"); });
        QVERIFY2(err.contains("/nonexistent/basislab-model") && err.contains("does not exist"), qPrintable(err));
    }

    void missingTensor() {
        QTemporaryDir tmp;
        const std::string dir = tmp.filePath("m").toStdString();
        writeSingleFile(dir, "model.layers.2.mlp.up_proj.weight");
        const QString err = errorOf([&] { LlamaModel::open(dir); });
        QVERIFY2(err.contains("'model.layers.2.mlp.up_proj.weight' is missing"), qPrintable(err));
    }

    void singleFileOpens() {
        QTemporaryDir tmp;
        const std::string dir = tmp.filePath("m").toStdString();
        writeSingleFile(dir, "");
        const auto model = LlamaModel::open(dir);
        QCOMPARE(model->config().num_hidden_layers, 4);
    }

    void configShapeMismatch() {
        QTemporaryDir tmp;
        const std::string dir = tmp.filePath("m").toStdString();
        copyModel(shardedModel(), dir);
        auto cfg = readJson(dir + "/config.json");
        cfg["intermediate_size"] = 128;
        writeFile(dir + "/config.json", cfg.dump());
        const QString err = errorOf([&] { LlamaModel::open(dir); });
        QVERIFY2(err.contains("gate_proj.weight") && err.contains("[176, 64]") && err.contains("implies [128, 64]"),
                 qPrintable(err));
    }

    void configMoreLayersThanWeights() {
        QTemporaryDir tmp;
        const std::string dir = tmp.filePath("m").toStdString();
        copyModel(shardedModel(), dir);
        auto cfg = readJson(dir + "/config.json");
        cfg["num_hidden_layers"] = 3;
        writeFile(dir + "/config.json", cfg.dump());
        const QString err = errorOf([&] { LlamaModel::open(dir); });
        QVERIFY2(err.contains("more layers than num_hidden_layers = 3"), qPrintable(err));
    }

    void badConfig_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("architecture") << "architectures"
                                      << R"(["MistralForCausalLM"])"
                                      << "unsupported architecture";
        QTest::newRow("rope_scaling") << "rope_scaling"
                                      << R"({"type": "linear", "factor": 2.0})"
                                      << "rope_scaling";
        QTest::newRow("hidden_size type") << "hidden_size"
                                          << R"("sixty-four")"
                                          << "must be an integer";
        QTest::newRow("heads not divisible") << "num_key_value_heads"
                                             << "3"
                                             << "not a multiple";
        QTest::newRow("bias") << "attention_bias"
                              << "true"
                              << "attention_bias";
        QTest::newRow("activation") << "hidden_act"
                                    << R"("gelu")"
                                    << "hidden_act";
        QTest::newRow("missing vocab") << "vocab_size"
                                       << "null"
                                       << "missing required field 'vocab_size'";
    }
    void badConfig() {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        QTemporaryDir tmp;
        const std::string dir = tmp.filePath("m").toStdString();
        copyModel(shardedModel(), dir);
        auto cfg = readJson(dir + "/config.json");
        cfg[field.toStdString()] = nlohmann::json::parse(value.toStdString());
        writeFile(dir + "/config.json", cfg.dump());
        const QString err = errorOf([&] { LlamaModel::open(dir); });
        QVERIFY2(err.contains(expected) && err.contains("config.json"), qPrintable(err));
    }

    void configNotJson() {
        QTemporaryDir tmp;
        const std::string dir = tmp.filePath("m").toStdString();
        copyModel(shardedModel(), dir);
        writeFile(dir + "/config.json", "{ hidden_size: 64 ");
        const QString err = errorOf([&] { LlamaModel::open(dir); });
        QVERIFY2(err.contains("config.json") && err.contains("not valid JSON"), qPrintable(err));
    }

    void missingConfig() {
        QTemporaryDir tmp;
        const std::string dir = tmp.filePath("m").toStdString();
        copyModel(shardedModel(), dir);
        fs::remove(dir + "/config.json");
        const QString err = errorOf([&] { LlamaModel::open(dir); });
        QVERIFY2(err.contains("has no config.json"), qPrintable(err));
    }

    void corruptTokenizer() {
        QTemporaryDir tmp;
        const std::string dir = tmp.filePath("m").toStdString();
        copyModel(storiesModel(), dir);
        writeFile(dir + "/tokenizer.model", "not a protobuf");
        const QString err = errorOf([&] { LlamaModel::open(dir); });
        QVERIFY2(err.contains("cannot load tokenizer") && err.contains("tokenizer.model"), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestLoader)
#include "test_loader.moc"
