// The safetensors writer: its files are accepted by the reader with the same values, sharded
// checkpoints open as one, and a failed or cancelled write leaves no file.
#include "base/error.h"
#include "compress_helpers.h"
#include "model/checkpoint_writer.h"
#include "model/safetensors.h"
#include "model/tensor_bytes.h"

#include <QtTest>

#include <filesystem>

using namespace basislab;
using namespace basislab::test;

class TestSafetensorsWriter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readerAcceptsWhatTheWriterWrites() {
        TempDir dir;
        const at::Tensor a = randomMatrix(5, 7, 1).to(at::kFloat);
        const at::Tensor b = randomMatrix(3, 4, 2);
        const at::Tensor empty = at::zeros({0, 3}, at::TensorOptions().dtype(at::kFloat));
        const std::string path = dir.path() + "/t.safetensors";
        writeSafetensors(path,
                         {tensorToWrite("a", a, DType::F32), tensorToWrite("b.half", b, DType::F16),
                          tensorToWrite("b.bf16", b, DType::BF16), tensorToWrite("empty", empty, DType::F32)},
                         {{"format", "pt"}, {"note", "test"}});
        const SafetensorsFile f(path);
        QCOMPARE(f.tensors().size(), std::size_t(4));
        QCOMPARE(f.metadata().at("note"), std::string("test"));
        QVERIFY(at::equal(tensorOf(*f.find("a")), a));
        QCOMPARE(f.find("b.half")->shape, (std::vector<std::int64_t>{3, 4}));
        QVERIFY(at::equal(tensorOf(*f.find("b.half")), b.to(at::kHalf)));
        QVERIFY(at::equal(tensorOf(*f.find("b.bf16")), b.to(at::kBFloat16)));  // round to nearest even
        QCOMPARE(f.find("empty")->nbytes, std::size_t(0));
    }

    void badInputsAreErrors() {
        TempDir dir;
        const at::Tensor a = at::ones({2}, at::TensorOptions().dtype(at::kFloat));
        const std::string path = dir.path() + "/t.safetensors";
        QVERIFY_THROWS_EXCEPTION(
            Error, writeSafetensors(path, {tensorToWrite("a", a, DType::F32), tensorToWrite("a", a, DType::F32)}));
        QVERIFY_THROWS_EXCEPTION(Error, writeSafetensors(path, {tensorToWrite("__metadata__", a, DType::F32)}));
        QVERIFY(std::filesystem::is_empty(dir.path()));
        // A fill or progress callback that throws leaves no file (and no temporary file).
        QVERIFY_THROWS_EXCEPTION(Cancelled, writeSafetensors(path, {tensorToWrite("a", a, DType::F32)}, {},
                                                             [](std::size_t) { throw Cancelled(); }));
        QVERIFY(std::filesystem::is_empty(dir.path()));
    }

    void shardedCheckpointOpensAsOne() {
        TempDir dir;
        std::vector<TensorToWrite> tensors;
        std::vector<at::Tensor> values;
        for (int i = 0; i < 5; ++i) {
            values.push_back(randomMatrix(10, 10, std::uint64_t(10 + i)).to(at::kFloat));  // 400 bytes each
            tensors.push_back(tensorToWrite("t" + std::to_string(i), values.back(), DType::F32));
        }
        const auto files = writeCheckpoint(dir.path(), tensors, 900, {{"format", "pt"}});
        QCOMPARE(files.size(), std::size_t(4));  // 3 shards of <= 2 tensors + the index
        const auto ckpt = Checkpoint::open(dir.path());
        QCOMPARE(ckpt->files().size(), std::size_t(3));
        for (int i = 0; i < 5; ++i)
            QVERIFY(at::equal(tensorOf(ckpt->tensor("t" + std::to_string(i))), values[std::size_t(i)]));
        TempDir single;
        QCOMPARE(writeCheckpoint(single.path(), tensors, std::size_t(1) << 20, {}),
                 std::vector<std::string>{"model.safetensors"});
    }
};

QTEST_GUILESS_MAIN(TestSafetensorsWriter)
#include "test_safetensors_writer.moc"
