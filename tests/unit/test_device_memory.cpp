// Device selection and memory sizing (base/device_memory.h, base/device_query.h) with fake
// free-memory figures: residency, the staging ring, wave sizes, and the refusals.
#include "base/compute.h"
#include "base/device_memory.h"
#include "base/device_query.h"
#include "base/error.h"
#include "model/config.h"

#include <QtTest>

using namespace basislab;

namespace {

constexpr std::size_t GiB = std::size_t(1) << 30;
constexpr std::size_t MiB = std::size_t(1) << 20;

LlamaConfig llama2_7b() {
    LlamaConfig c;
    c.hidden_size = 4096;
    c.intermediate_size = 11008;
    c.num_hidden_layers = 32;
    c.num_attention_heads = 32;
    c.num_key_value_heads = 32;
    c.head_dim = 128;
    c.vocab_size = 32000;
    return c;
}

}  // namespace

class TestDeviceMemory : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void footprintOfLlama2_7b() {
        // Llama2-7B has 6,738,415,616 parameters (embedding, 32 layers, final norm, lm_head).
        const ModelFootprint f = modelFootprint(llama2_7b(), 2);
        QCOMPARE(f.totalBytes(), std::size_t(6738415616) * 2);
        QCOMPARE(f.layers, 32);
        QCOMPARE(f.layer_bytes, std::size_t(4 * 4096 * 4096 + 3 * 4096 * 11008 + 2 * 4096) * 2);
        QCOMPARE(f.fixed_bytes, std::size_t(2 * 32000 * 4096 + 4096) * 2);
        LlamaConfig tied = llama2_7b();
        tied.tie_word_embeddings = true;
        QCOMPARE(modelFootprint(tied, 4).fixed_bytes, std::size_t(32000 * 4096 + 4096) * 4);
    }

    void workingSetOfACalibration() {
        // 256 windows x 2048 tokens of float32 hidden states, and one layer's four float64 Grams
        // (widths 4096, 4096, 4096, 11008) with their two per-channel sums.
        const std::size_t states = std::size_t(256) * 2048 * 4096 * 4;
        std::size_t grams = 0;
        for (std::size_t d : {4096, 4096, 4096, 11008}) grams += 8 * (d * d + 2 * d);
        QCOMPARE(calibrationWorkingSetBytes(llama2_7b(), 256, 2048, 4), states + grams);
        QCOMPARE(calibrationWorkingSetBytes(llama2_7b(), 0, 2048, 4), grams);
    }

    void residentOnAnH200() {
        const ModelFootprint f = modelFootprint(llama2_7b(), 4);  // float32: 27 GB
        const std::size_t work = calibrationWorkingSetBytes(llama2_7b(), 256, 2048, 4);
        const ResidencyPlan p = planResidency(f, {140 * GiB, 141 * GiB}, work, "cuda:0");
        QVERIFY(p.resident);
        QCOMPARE(p.staging_layers, 0);
        QCOMPARE(p.weight_bytes_on_device, f.totalBytes());
        QCOMPARE(p.usable_bytes, 140 * GiB - 7 * GiB);  // 5 % kept back
        QCOMPARE(p.work_bytes, p.usable_bytes - f.totalBytes() - work);
        QVERIFY2(QString::fromStdString(p.reason).contains("resident on cuda:0"), p.reason.c_str());
    }

    void streamedOnA24GiBCard() {
        // float32 weights (25.1 GiB) exceed a 24 GiB card: a ring of two layers streams them.
        const ModelFootprint f = modelFootprint(llama2_7b(), 4);
        const std::size_t work = calibrationWorkingSetBytes(llama2_7b(), 64, 2048, 4);
        const ResidencyPlan p = planResidency(f, {23 * GiB, 24 * GiB}, work, "cuda:1");
        QVERIFY(!p.resident);
        QCOMPARE(p.staging_layers, 2);
        QCOMPARE(p.weight_bytes_on_device, f.fixed_bytes + 2 * f.layer_bytes);
        QCOMPARE(p.work_bytes, p.usable_bytes - p.weight_bytes_on_device - work);
        QVERIFY2(QString::fromStdString(p.reason).contains("streamed on cuda:1"), p.reason.c_str());
        // The same card holds the bfloat16 weights (12.6 GiB) with the working set.
        const ModelFootprint bf16 = modelFootprint(llama2_7b(), 2);
        QVERIFY(
            planResidency(bf16, {23 * GiB, 24 * GiB}, calibrationWorkingSetBytes(llama2_7b(), 64, 2048, 2), "cuda:1")
                .resident);
    }

    void theWorkingSetDecidesToo() {
        // Weights that fit alone stream when the working set does not fit beside them.
        const ModelFootprint f = modelFootprint(llama2_7b(), 2);  // 12.6 GiB
        QVERIFY(planResidency(f, {20 * GiB, 24 * GiB}, 2 * GiB, "cuda:0").resident);
        QVERIFY(!planResidency(f, {20 * GiB, 24 * GiB}, 8 * GiB, "cuda:0").resident);
    }

    void boundaryIsInclusive() {
        ModelFootprint f;
        f.fixed_bytes = 100 * MiB;
        f.layer_bytes = 10 * MiB;
        f.layers = 10;  // 200 MiB in all
        ResidencyOptions o;
        o.reserve_fraction = 0;
        o.reserve_min_bytes = 0;
        o.min_wave_bytes = 50 * MiB;
        QVERIFY(planResidency(f, {300 * MiB, 0}, 50 * MiB, "cuda:0", o).resident);  // 200 + 50 + 50 = 300
        const ResidencyPlan p = planResidency(f, {300 * MiB - 1, 0}, 50 * MiB, "cuda:0", o);
        QVERIFY(!p.resident);
        QCOMPARE(p.weight_bytes_on_device, 120 * MiB);  // embedding + head + two layers
        o.staging_layers = 3;
        QCOMPARE(planResidency(f, {300 * MiB - 1, 0}, 50 * MiB, "cuda:0", o).staging_layers, 3);
        // A ring of every layer is the whole model: where that does not fit, nothing does.
        o.staging_layers = 50;
        QVERIFY_THROWS_EXCEPTION(Error, planResidency(f, {300 * MiB - 1, 0}, 50 * MiB, "cuda:0", o));
    }

    void refusesWhatCannotFit() {
        const ModelFootprint f = modelFootprint(llama2_7b(), 4);
        const std::size_t work = calibrationWorkingSetBytes(llama2_7b(), 256, 2048, 4);  // 9.3 GiB
        try {
            planResidency(f, {8 * GiB, 8 * GiB}, work, "cuda:0");
            QFAIL("no error");
        } catch (const Error& e) {
            const QString m = e.what();
            QVERIFY2(m.contains("does not fit on cuda:0") && m.contains("7.5 GiB"), e.what());
        }
        ResidencyOptions none;
        none.staging_layers = 0;
        QVERIFY_THROWS_EXCEPTION(Error, planResidency(f, {8 * GiB, 8 * GiB}, 0, "cuda:0", none));
    }

    void waveSizes() {
        QCOMPARE(planWave(10 * GiB, GiB, 256), std::int64_t(10));
        QCOMPARE(planWave(10 * GiB + GiB - 1, GiB, 256), std::int64_t(10));
        QCOMPARE(planWave(GiB - 1, GiB, 256), std::int64_t(1));  // always at least one window
        QCOMPARE(planWave(0, GiB, 256), std::int64_t(1));
        QCOMPARE(planWave(100 * GiB, GiB, 16), std::int64_t(16));  // never more than there are
        QCOMPARE(planWave(100 * GiB, GiB, 256, 32), std::int64_t(32));
        QCOMPARE(planWave(GiB, 0, 7), std::int64_t(7));
        QCOMPARE(planWave(GiB, GiB, 0), std::int64_t(1));
    }

    void aLlama2WaveOnAnH200() {
        // One window of 2048 tokens in one layer call, float32: scores and probabilities
        // 2 x 4 x 32 x 2048^2, 7 activations of 2048 x 4096, 4 of 2048 x 11008 (4 bytes each) and
        // the float64 copy of 2048 x 11008.
        const std::size_t per_window = layerWindowBytes(llama2_7b(), 2048, 4);
        const std::size_t expected = std::size_t(2) * 4 * 32 * 2048 * 2048 + std::size_t(4) * 2048 * 4096 * 7 +
                                     std::size_t(4) * 2048 * 11008 * 4 + std::size_t(8) * 2048 * 11008;
        QCOMPARE(per_window, expected);
        const ResidencyPlan p = planResidency(modelFootprint(llama2_7b(), 4), {140 * GiB, 141 * GiB},
                                              calibrationWorkingSetBytes(llama2_7b(), 256, 2048, 4), "cuda:0");
        const std::int64_t wave = planWave(p.work_bytes, per_window, 256);
        QVERIFY2(wave >= 32 && wave <= 64, QByteArray::number(qint64(wave)));
        // 256-token windows: many more per wave, capped at the windows there are.
        QCOMPARE(planWave(p.work_bytes, layerWindowBytes(llama2_7b(), 256, 4), 256), std::int64_t(256));
    }

    void formatsBytes() {
        QCOMPARE(formatBytes(512 * MiB), std::string("512 MiB"));
        QCOMPARE(formatBytes(GiB + GiB / 2), std::string("1.5 GiB"));
    }

    void devicesOfThisBuild() {
        // The CPU is always there with the host's memory; CUDA devices only in a CUDA LibTorch.
        const std::vector<DeviceInfo> infos = deviceInfos();
        QVERIFY(!infos.empty());
        QCOMPARE(infos.front().id, std::string("cpu"));
        QVERIFY(infos.front().memory.total_bytes > 0);
        QVERIFY(infos.front().memory.free_bytes <= infos.front().memory.total_bytes);
        QCOMPARE(infos.size(), availableDevices().size());
        const auto cpu = deviceMemory("cpu");
        QVERIFY(cpu && cpu->total_bytes == infos.front().memory.total_bytes);
        QVERIFY_THROWS_EXCEPTION(Error, deviceMemory("tpu"));
        if (infos.size() == 1) {
            QVERIFY_THROWS_EXCEPTION(Error, deviceMemory("cuda:0"));
            QVERIFY(!cudaMemoryInUse());
        }
    }
};

QTEST_APPLESS_MAIN(TestDeviceMemory)
#include "test_device_memory.moc"
