// The HDF5 session file: round trip of every field, atomic writes, readable errors on bad files,
// warnings (not failures) for missing optional parts, and the embedded calibration copy.
#include "api/h5_attributes.h"
#include "api/plan_compare.h"
#include "api/session_file.h"
#include "base/error.h"
#include "base/hdf5_lock.h"
#include "test_helpers.h"

#include <H5Cpp.h>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace basislab;
using namespace basislab::api;
using basislab::test::errorOf;

namespace {

SessionData sample() {
    SessionData d;
    d.model_dir = "/models/llama";
    d.compute.device = "cuda:1";
    d.compute.dtype = "bfloat16";
    d.compute.threads = 3;
    d.calibration_source = CalibrationSource::Link;
    d.calibration_path = "/calib/wiki.h5";
    d.calibration_identity = std::string(64, 'a');
    d.calibration_request.text_path = "/texts/wiki.txt";
    d.calibration_request.windows = 32;
    d.calibration_request.seq_len = 512;
    d.calibration_request.seed = 1234;
    d.calibration_request.fisher = true;
    d.plan.method = Method::basis_sharing;
    d.plan.ratio = 0.35;
    d.plan.types = {MatrixType::q, MatrixType::k, MatrixType::v, MatrixType::gate, MatrixType::up, MatrixType::down};
    d.plan.group_size = {4, 4, 4, 1, 2, 2, 1};
    d.plan.shared = {MatrixType::q, MatrixType::k, MatrixType::v, MatrixType::gate, MatrixType::up};
    d.plan.alpha = AlphaForm::parse("power:0.75");
    d.plan.refit = true;
    d.plan.asvd_exponent = 0.25;
    d.plan.allocation = Allocation::error;
    d.evaluation.text_path = "/texts/eval.txt";
    d.evaluation.window = 128;
    d.evaluation.max_windows = 9;
    d.evaluation.protocol = PerplexityProtocol::svd_llm;
    d.evaluation.zeroshot_tasks = {"/tasks/piqa.jsonl", "/tasks/winogrande.jsonl"};
    RunRecord r;
    r.plan = d.plan;
    r.achieved_ratio = 0.3487;
    r.params = 123456789;
    r.ppl = 17.25;
    r.error = NAN;
    r.seconds = 3.5;
    r.text_path = "/texts/eval.txt";
    r.window = 128;
    r.windows = 9;
    r.device = "cpu";
    r.dtype = "float32";
    r.finished_at = "2025-01-02T03:04:05";
    d.runs = {r, r};
    d.runs[0].compressed = false;
    d.runs[1].ppl = 20.5;
    d.runs[1].error = 0.25;
    d.runs[1].protocol = PerplexityProtocol::basis_sharing;
    ZeroShotTaskResult piqa{"piqa", "/tasks/piqa.jsonl", 1838, 0.75, 0.01, 0.625, 0.0125};
    ZeroShotTaskResult wino{"winogrande", "/tasks/winogrande.jsonl", 1267, 0.5, 0.014, NAN, NAN};
    d.runs[1].zeroshot = {piqa, wino};
    d.view["step"] = "2";
    return d;
}

}  // namespace

class TestSessionFile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTripKeepsEveryField() {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("s.blsession")).toStdString();
        const SessionData in = sample();
        writeSession(path, in);
        std::vector<std::string> warnings;
        const SessionData out = readSession(path, &warnings);
        QVERIFY2(warnings.empty(), warnings.empty() ? "" : warnings.front().c_str());
        QCOMPARE(out.model_dir, in.model_dir);
        QCOMPARE(out.compute.device, in.compute.device);
        QCOMPARE(out.compute.dtype, in.compute.dtype);
        QCOMPARE(out.compute.threads, 3);
        QVERIFY(out.calibration_source == CalibrationSource::Link);
        QCOMPARE(out.calibration_path, in.calibration_path);
        QCOMPARE(out.calibration_identity, in.calibration_identity);
        QCOMPARE(out.calibration_request.windows, 32);
        QCOMPARE(out.calibration_request.seq_len, 512);
        QVERIFY(out.calibration_request.seed && *out.calibration_request.seed == 1234u);
        QVERIFY(out.calibration_request.fisher);
        QVERIFY(samePlan(out.plan, in.plan));
        QCOMPARE(out.plan.alpha.text(), std::string("power:0.75"));
        QCOMPARE(out.evaluation.window, 128);
        QCOMPARE(out.evaluation.max_windows, std::int64_t(9));
        QCOMPARE(out.runs.size(), std::size_t(2));
        QVERIFY(samePlan(out.runs[0].plan, in.plan));
        QVERIFY(!out.runs[0].compressed);
        QVERIFY(out.runs[1].compressed);
        QCOMPARE(out.runs[0].params, std::int64_t(123456789));
        QVERIFY(std::isnan(out.runs[0].error));
        QCOMPARE(out.runs[1].error, 0.25);
        QCOMPARE(out.runs[1].ppl, 20.5);
        QCOMPARE(out.runs[1].finished_at, in.runs[1].finished_at);
        QCOMPARE(out.view.at("step"), std::string("2"));
        // Version 3: the allocation.
        QVERIFY(out.plan.allocation == Allocation::error);
        QVERIFY(out.runs[1].plan.allocation == Allocation::error);
        // Version 2: protocols and zero-shot scores.
        QVERIFY(out.evaluation.protocol == PerplexityProtocol::svd_llm);
        QCOMPARE(out.evaluation.zeroshot_tasks, in.evaluation.zeroshot_tasks);
        QVERIFY(out.runs[0].protocol == PerplexityProtocol::basislab);
        QVERIFY(out.runs[1].protocol == PerplexityProtocol::basis_sharing);
        QVERIFY(out.runs[0].zeroshot.empty());
        QCOMPARE(out.runs[1].zeroshot.size(), std::size_t(2));
        const ZeroShotTaskResult& piqa = out.runs[1].zeroshot[0];
        QCOMPARE(piqa.task, std::string("piqa"));
        QCOMPARE(piqa.path, std::string("/tasks/piqa.jsonl"));
        QCOMPARE(piqa.documents, std::int64_t(1838));
        QCOMPARE(piqa.acc, 0.75);
        QCOMPARE(piqa.acc_stderr, 0.01);
        QCOMPARE(piqa.acc_norm, 0.625);
        QCOMPARE(piqa.acc_norm_stderr, 0.0125);
        QCOMPARE(out.runs[1].zeroshot[1].task, std::string("winogrande"));
        QVERIFY(std::isnan(out.runs[1].zeroshot[1].acc_norm));
    }

    void updatesRoundTripAndVersion2ReadsRefit() {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("u.blsession")).toStdString();
        SessionData in = sample();
        in.plan.setUpdate(UpdateKind::compensate);
        in.runs[1].plan.setUpdate(UpdateKind::deviated);
        writeSession(path, in);
        std::vector<std::string> warnings;
        SessionData out = readSession(path, &warnings);
        QVERIFY2(warnings.empty(), warnings.empty() ? "" : warnings.front().c_str());
        QVERIFY(out.plan.updateKind() == UpdateKind::compensate);
        QVERIFY(samePlan(out.plan, in.plan));
        QVERIFY(out.runs[0].plan.updateKind() == UpdateKind::refit);
        QVERIFY(out.runs[1].plan.updateKind() == UpdateKind::deviated);
        // A version 2 file has no update attribute: refit = 1 reads as refit, 0 as none, no warnings.
        {
            hdf5::Lock lock;
            H5::H5File f(path, H5F_ACC_RDWR);
            H5::Group root = f.openGroup("/");
            root.removeAttr("format_version");
            const std::int64_t v = 2;
            root.createAttribute("format_version", H5::PredType::STD_I64LE, H5::DataSpace(H5S_SCALAR))
                .write(H5::PredType::NATIVE_INT64, &v);
            for (const char* g : {"plan", "runs/0000", "runs/0001"}) f.openGroup(g).removeAttr("update");
        }
        warnings.clear();
        out = readSession(path, &warnings);
        QVERIFY2(warnings.empty(), warnings.empty() ? "" : warnings.front().c_str());
        QVERIFY(out.plan.updateKind() == UpdateKind::none);  // compensate did not exist in version 2
        QVERIFY(out.runs[0].plan.updateKind() == UpdateKind::refit);
        QVERIFY(out.runs[1].plan.updateKind() == UpdateKind::none);
        // An unknown update is a warning and keeps the refit flag's reading.
        {
            hdf5::Lock lock;
            H5::H5File f(path, H5F_ACC_RDWR);
            H5::Group plan = f.openGroup("plan");
            h5::writeString(plan, "update", "sideways");
        }
        warnings.clear();
        out = readSession(path, &warnings);
        QCOMPARE(warnings.size(), std::size_t(1));
        QVERIFY(warnings.front().find("sideways") != std::string::npos);
    }

    void version1FilesReadAsTheBasisLabProtocol() {
        // A version 1 file: no protocol attributes, no zero-shot groups.
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("v1.blsession")).toStdString();
        writeSession(path, sample());
        {
            H5::H5File f(path, H5F_ACC_RDWR);
            H5::Group root = f.openGroup("/");
            root.removeAttr("format_version");
            const std::int64_t v = 1;
            root.createAttribute("format_version", H5::PredType::STD_I64LE, H5::DataSpace(H5S_SCALAR))
                .write(H5::PredType::NATIVE_INT64, &v);
            H5::Group eval = f.openGroup("evaluation");
            eval.removeAttr("protocol");
            eval.removeAttr("zeroshot_tasks");
            for (const char* run : {"runs/0000", "runs/0001"}) {
                H5::Group g = f.openGroup(run);
                g.removeAttr("protocol");
                g.unlink("zeroshot");
            }
        }
        std::vector<std::string> warnings;
        const SessionData out = readSession(path, &warnings);
        QVERIFY2(warnings.empty(), warnings.empty() ? "" : warnings.front().c_str());
        QVERIFY(out.evaluation.protocol == PerplexityProtocol::basislab);
        QVERIFY(out.evaluation.zeroshot_tasks.empty());
        QCOMPARE(out.runs.size(), std::size_t(2));
        QVERIFY(out.runs[1].protocol == PerplexityProtocol::basislab);
        QVERIFY(out.runs[1].zeroshot.empty());
        QCOMPARE(out.runs[1].ppl, 20.5);
        QCOMPARE(out.evaluation.window, 128);
    }

    void version2FilesReadAsUniformAllocation() {
        // A version 2 file: no allocation attributes.
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("v2.blsession")).toStdString();
        writeSession(path, sample());
        {
            hdf5::Lock lock;
            H5::H5File f(path, H5F_ACC_RDWR);
            H5::Group root = f.openGroup("/");
            root.removeAttr("format_version");
            const std::int64_t v = 2;
            root.createAttribute("format_version", H5::PredType::STD_I64LE, H5::DataSpace(H5S_SCALAR))
                .write(H5::PredType::NATIVE_INT64, &v);
            for (const char* g : {"plan", "runs/0000", "runs/0001"}) {
                H5::Group group = f.openGroup(g);
                QVERIFY(group.attrExists("allocation"));
                group.removeAttr("allocation");
            }
        }
        std::vector<std::string> warnings;
        const SessionData out = readSession(path, &warnings);
        QVERIFY2(warnings.empty(), warnings.empty() ? "" : warnings.front().c_str());
        QVERIFY(out.plan.allocation == Allocation::uniform);
        QCOMPARE(out.runs.size(), std::size_t(2));
        QVERIFY(out.runs[1].plan.allocation == Allocation::uniform);
        QVERIFY(out.plan.refit);
        QCOMPARE(out.plan.alpha.text(), std::string("power:0.75"));
    }

    void overwritingIsAtomicAndLeavesNoTemporaryFiles() {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("s.blsession")).toStdString();
        writeSession(path, sample());
        SessionData second = sample();
        second.runs.clear();
        writeSession(path, second);
        QCOMPARE(readSession(path).runs.size(), std::size_t(0));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
        // A failed write (embedding a missing calibration) keeps the old file and leaves no temporary.
        SessionData bad = sample();
        bad.calibration_source = CalibrationSource::Embedded;
        bad.calibration_path = dir.filePath(QStringLiteral("missing.h5")).toStdString();
        QVERIFY_THROWS_EXCEPTION(Error, writeSession(path, bad));
        QCOMPARE(readSession(path).runs.size(), std::size_t(0));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
    }

    void badFilesAreReadableErrors() {
        QTemporaryDir dir;
        const QString text = dir.filePath(QStringLiteral("text.blsession"));
        std::ofstream(text.toStdString()) << "not hdf5";
        const auto message = [](const std::string& path) { return errorOf([&] { readSession(path); }).toStdString(); };
        QVERIFY(message(text.toStdString()).find("not an HDF5 file") != std::string::npos);
        QVERIFY(message(dir.filePath(QStringLiteral("none")).toStdString()).find("does not exist") !=
                std::string::npos);
        // An HDF5 file that is not a session.
        const std::string other = dir.filePath(QStringLiteral("other.h5")).toStdString();
        {
            hdf5::Lock lock;
            H5::H5File(other, H5F_ACC_TRUNC).createGroup("x");
        }
        QVERIFY(message(other).find("not a BasisLab session") != std::string::npos);
        // A newer format version.
        const std::string newer = dir.filePath(QStringLiteral("newer.blsession")).toStdString();
        writeSession(newer, sample());
        {
            hdf5::Lock lock;
            H5::H5File f(newer, H5F_ACC_RDWR);
            H5::Group root = f.openGroup("/");
            root.removeAttr("format_version");
            const std::int64_t v = 99;
            root.createAttribute("format_version", H5::PredType::STD_I64LE, H5::DataSpace(H5S_SCALAR))
                .write(H5::PredType::NATIVE_INT64, &v);
        }
        QVERIFY(message(newer).find("newer BasisLab") != std::string::npos);
    }

    void unknownPlanValuesAreWarnings() {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("s.blsession")).toStdString();
        writeSession(path, sample());
        {
            hdf5::Lock lock;
            H5::H5File f(path, H5F_ACC_RDWR);
            H5::Group plan = f.openGroup("plan");
            plan.removeAttr("alpha");
            H5::StrType str(H5::PredType::C_S1, H5T_VARIABLE);
            plan.createAttribute("alpha", str, H5::DataSpace(H5S_SCALAR)).write(str, std::string("inv-banana"));
            plan.removeAttr("method");
            plan.createAttribute("method", str, H5::DataSpace(H5S_SCALAR)).write(str, std::string("magic"));
            plan.removeAttr("allocation");
            plan.createAttribute("allocation", str, H5::DataSpace(H5S_SCALAR)).write(str, std::string("greedy"));
        }
        std::vector<std::string> warnings;
        const SessionData out = readSession(path, &warnings);
        QCOMPARE(warnings.size(), std::size_t(3));
        QVERIFY(out.plan.allocation == Allocation::uniform);
        QVERIFY(warnings[2].find("unknown allocation 'greedy'") != std::string::npos);
        QVERIFY(out.plan.alpha == AlphaForm{});
        QVERIFY(out.plan.method == CompressionPlan{}.method);
        QCOMPARE(out.plan.ratio, 0.35);
    }

    void missingPartsAreWarnings() {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("s.blsession")).toStdString();
        writeSession(path, sample());
        {
            hdf5::Lock lock;
            H5::H5File f(path, H5F_ACC_RDWR);
            f.unlink("evaluation");
            f.openGroup("plan").removeAttr("ratio");
        }
        std::vector<std::string> warnings;
        const SessionData out = readSession(path, &warnings);
        QCOMPARE(warnings.size(), std::size_t(2));
        QCOMPARE(out.plan.ratio, CompressionPlan{}.ratio);
        QCOMPARE(out.runs.size(), std::size_t(2));
    }

    void calibrationIdentityFollowsTheSettings() {
        CalibrationSummary a;
        a.model.config_sha256 = "c";
        a.model.weights_fingerprint = "w";
        a.settings.text_sha256 = "t";
        a.settings.windows = 8;
        a.settings.seq_len = 128;
        a.tokens = 1024;
        CalibrationSummary b = a;
        b.settings.text_path = "/elsewhere/same.txt";  // paths do not matter
        QCOMPARE(calibrationIdentity(a), calibrationIdentity(b));
        QCOMPARE(calibrationIdentity(a).size(), std::size_t(64));
        b.settings.shuffle_seed = 0;
        QVERIFY(calibrationIdentity(a) != calibrationIdentity(b));
        b = a;
        b.model.weights_fingerprint = "w2";
        QVERIFY(calibrationIdentity(a) != calibrationIdentity(b));
    }

    void embeddedCalibrationIsCopiedAndExtracted() {
        QTemporaryDir dir;
        const std::string calib = dir.filePath(QStringLiteral("calib.h5")).toStdString();
        {
            hdf5::Lock lock;
            H5::H5File f(calib, H5F_ACC_TRUNC);
            H5::Group root = f.openGroup("/");
            const std::int64_t layers = 5;
            root.createAttribute("layers", H5::PredType::STD_I64LE, H5::DataSpace(H5S_SCALAR))
                .write(H5::PredType::NATIVE_INT64, &layers);
            H5::StrType str(H5::PredType::C_S1, H5T_VARIABLE);
            root.createAttribute("text_path", str, H5::DataSpace(H5S_SCALAR)).write(str, std::string("/t.txt"));
            const hsize_t n = 3;
            const double values[3] = {1.5, 2.5, 3.5};
            f.createGroup("layers")
                .createGroup("0")
                .createDataSet("gram", H5::PredType::IEEE_F64LE, H5::DataSpace(1, &n))
                .write(values, H5::PredType::NATIVE_DOUBLE);
        }
        SessionData d = sample();
        d.calibration_source = CalibrationSource::Embedded;
        d.calibration_path = calib;
        const std::string session = dir.filePath(QStringLiteral("s.blsession")).toStdString();
        writeSession(session, d);
        QVERIFY(readSession(session).calibration_source == CalibrationSource::Embedded);

        const std::string out = dir.filePath(QStringLiteral("extracted.h5")).toStdString();
        extractEmbeddedCalibration(session, out);
        hdf5::Lock lock;  // recursive: writeSession below takes it again on this thread
        H5::H5File f(out, H5F_ACC_RDONLY);
        std::int64_t layers = 0;
        f.openGroup("/").openAttribute("layers").read(H5::PredType::NATIVE_INT64, &layers);
        QCOMPARE(layers, std::int64_t(5));
        std::string text;
        const H5::Attribute a = f.openGroup("/").openAttribute("text_path");
        a.read(a.getStrType(), text);
        QCOMPARE(text, std::string("/t.txt"));
        double values[3] = {};
        f.openDataSet("layers/0/gram").read(values, H5::PredType::NATIVE_DOUBLE);
        QCOMPARE(values[2], 3.5);

        // A store above the size limit is linked, never embedded (a Llama2-7B store is 44 GB).
        QCOMPARE(kMaxEmbeddedCalibrationBytes, std::uint64_t(256) << 20);
        const std::uint64_t bytes = std::filesystem::file_size(calib);
        QVERIFY(writeSession(session, d, bytes) == CalibrationSource::Embedded);
        QVERIFY(writeSession(session, d, bytes - 1) == CalibrationSource::Link);
        const SessionData linked = readSession(session);
        QVERIFY(linked.calibration_source == CalibrationSource::Link);
        QCOMPARE(linked.calibration_path, calib);
        QVERIFY_THROWS_EXCEPTION(Error, extractEmbeddedCalibration(session, out));

        writeSession(session, sample());  // a linked calibration: nothing to extract
        QVERIFY_THROWS_EXCEPTION(Error, extractEmbeddedCalibration(session, out));
    }
};

QTEST_GUILESS_MAIN(TestSessionFile)
#include "test_session_file.moc"
