// The HDF5 calibration store: bit-exact round trip, summary-only reads, lazy Gram reads from
// several threads, atomic writes (a cancelled save or calibration leaves no file), and clear errors
// for a wrong model, a truncated file, a non-HDF5 file and a wrong or missing format_version.
#include "base/error.h"
#include "base/hdf5_lock.h"
#include "calib/calibrator.h"
#include "calib/store.h"
#include "test_paths.h"

#include <H5Cpp.h>

#include <QtTest>

#include <filesystem>
#include <fstream>
#include <thread>

using namespace basislab;
using namespace basislab::test;

namespace {

std::size_t entries(const QTemporaryDir& dir) {
    return std::size_t(std::distance(std::filesystem::directory_iterator(dir.path().toStdString()),
                                     std::filesystem::directory_iterator()));
}

void expectError(const std::function<void()>& f, const QString& part1, const QString& part2) {
    try {
        f();
        QFAIL("no error");
    } catch (const Cancelled&) {
        QFAIL("cancelled instead of an error");
    } catch (const Error& e) {
        qInfo("error: %s", e.what());
        QVERIFY2(QString(e.what()).contains(part1), e.what());
        QVERIFY2(QString(e.what()).contains(part2), e.what());
    }
}

/// Replaces the root attribute format_version (or removes it when version < 0).
void setFormatVersion(const std::string& path, int version) {
    hdf5::Lock lock;
    H5::H5File f(path, H5F_ACC_RDWR);
    f.removeAttr("format_version");
    if (version >= 0)
        f.createAttribute("format_version", H5::PredType::STD_I32LE, H5::DataSpace(H5S_SCALAR))
            .write(H5::PredType::NATIVE_INT32, &version);
}

bool sameVector(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
    return a.size() == b.size() && (a.array() == b.array()).all();
}

}  // namespace

class TestCalibStore : public QObject {
    Q_OBJECT
    std::shared_ptr<LlamaModel> model_;
    std::shared_ptr<InMemoryCalibration> cal_;  // with Fisher diagonals
    QTemporaryDir dir_;
    std::string saved_;

    std::string fresh(const char* name) const { return (QDir(dir_.path()).filePath(name)).toStdString(); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        model_ = LlamaModel::open(storiesModel());
        CalibrationOptions o;
        o.text_path = textPath("tinystories_sample.txt");
        o.windows = 3;
        o.seq_len = 32;
        o.shuffle_seed = 11;
        o.fisher = true;
        cal_ = calibrate(*model_, o);
        saved_ = fresh("calib.h5");
        saveCalibration(saved_, *cal_);
    }

    void roundTripIsBitExact() {
        const ModelIdentity id = modelIdentity(model_->dir(), model_->config(), model_->checkpoint());
        const auto back = openCalibration(saved_, &id);
        const CalibrationSummary& a = cal_->summary();
        const CalibrationSummary& b = back->summary();
        QCOMPARE(b.model.path, a.model.path);
        QCOMPARE(b.model.config_sha256, a.model.config_sha256);
        QCOMPARE(b.model.weights_fingerprint, a.model.weights_fingerprint);
        QCOMPARE(b.model.tensor_count, a.model.tensor_count);
        QCOMPARE(b.model.weight_bytes, a.model.weight_bytes);
        QCOMPARE(b.settings.text_path, a.settings.text_path);
        QCOMPARE(b.settings.text_sha256, a.settings.text_sha256);
        QCOMPARE(b.settings.text_tokens, a.settings.text_tokens);
        QCOMPARE(b.settings.windows, 3);
        QCOMPARE(b.settings.seq_len, 32);
        QCOMPARE(b.settings.shuffle_seed, std::optional<std::uint64_t>(11));
        QCOMPARE(b.settings.device, std::string("cpu"));
        QCOMPARE(b.settings.dtype, std::string("float32"));
        QCOMPARE(b.settings.fisher, true);
        QCOMPARE(b.settings.gram_accumulation, std::string("float64"));
        QCOMPARE(b.settings.window_indices, a.settings.window_indices);
        QCOMPARE(b.layers, 5);
        QCOMPARE(b.tokens, std::int64_t(96));
        QCOMPARE(b.seconds, a.seconds);
        QCOMPARE(b.sites.size(), a.sites.size());
        for (std::size_t i = 0; i < a.sites.size(); ++i) {
            const SiteStatistics& x = a.sites[i];
            const SiteStatistics& y = b.sites[i];
            QCOMPARE(y.layer, x.layer);
            QCOMPARE(y.site, x.site);
            QCOMPARE(y.tokens, x.tokens);
            QCOMPARE(y.width, x.width);
            QCOMPARE(y.trace, x.trace);
            QCOMPARE(y.fro, x.fro);
            QCOMPARE(y.max_eig, x.max_eig);
            QCOMPARE(y.mean_sq_norm, x.mean_sq_norm);
            QVERIFY(sameVector(y.mean_abs, x.mean_abs));
            QVERIFY(sameVector(y.mean_sq, x.mean_sq));
            QVERIFY(sameVector(y.sum_abs, x.sum_abs));
            QVERIFY(sameVector(y.sum_sq, x.sum_sq));
            QVERIFY(sameVector(y.eigenvalues, x.eigenvalues));
            QVERIFY(at::equal(back->gram(x.layer, x.site), cal_->gram(x.layer, x.site)));
        }
        QVERIFY(back->hasFisher());
        for (int l = 0; l < 5; ++l)
            for (MatrixType t : kMatrixTypes) QVERIFY(at::equal(back->fisher(l, t), cal_->fisher(l, t)));
        QVERIFY_THROWS_EXCEPTION(Error, back->gram(5, Site::attn_in));
    }

    void readsFormatVersion1() {
        // Version 1 had no gram_accumulation attribute: its Grams were summed in float64.
        const std::string v1 = fresh("version1.h5");
        std::filesystem::copy_file(saved_, v1);
        setFormatVersion(v1, 1);
        {
            H5::H5File f(v1, H5F_ACC_RDWR);
            f.removeAttr("gram_accumulation");
        }
        const auto back = openCalibration(v1);
        QCOMPARE(back->summary().settings.gram_accumulation, std::string("float64"));
        QCOMPARE(back->summary().settings.windows, 3);
        QVERIFY(at::equal(back->gram(2, Site::mlp_in), cal_->gram(2, Site::mlp_in)));
        // The current version without the attribute is a damaged file, named as such.
        const std::string broken = fresh("no-accumulation.h5");
        std::filesystem::copy_file(v1, broken);
        setFormatVersion(broken, kCalibrationFormatVersion);
        expectError([&] { openCalibration(broken); }, "no-accumulation.h5", "root attributes");
    }

    void readsFormatVersion2() {
        // Version 2 had no world_size attribute: it was calibrated by one process.
        QCOMPARE(kCalibrationFormatVersion, 3);
        QCOMPARE(readCalibrationSummary(saved_).settings.world_size, 1);
        const std::string v2 = fresh("version2.h5");
        std::filesystem::copy_file(saved_, v2);
        {
            H5::H5File f(v2, H5F_ACC_RDWR);
            const std::int32_t three = 3;
            f.openAttribute("world_size").write(H5::PredType::NATIVE_INT32, &three);
        }
        QCOMPARE(readCalibrationSummary(v2).settings.world_size, 3);  // read back as written
        setFormatVersion(v2, 2);
        {
            H5::H5File f(v2, H5F_ACC_RDWR);
            f.removeAttr("world_size");
        }
        {
            const auto back = openCalibration(v2);  // keeps the file open until the end of this block
            QCOMPARE(back->summary().settings.world_size, 1);
            QCOMPARE(back->summary().settings.gram_accumulation, std::string("float64"));
            QVERIFY(at::equal(back->gram(1, Site::o_in), cal_->gram(1, Site::o_in)));
        }
        // The current version without it is a damaged file.
        setFormatVersion(v2, kCalibrationFormatVersion);
        expectError([&] { openCalibration(v2); }, "version2.h5", "root attributes");
    }

    void recordsFloat32Waves() {
        CalibrationOptions o;
        o.text_path = textPath("tinystories_sample.txt");
        o.windows = 2;
        o.seq_len = 16;
        o.gram_accumulation = GramAccumulation::Float32Waves;
        const std::string path = fresh("waves.h5");
        saveCalibration(path, *calibrate(*model_, o));
        QCOMPARE(readCalibrationSummary(path).settings.gram_accumulation, std::string("float32-waves"));
    }

    void summaryOnly() {
        const CalibrationSummary s = readCalibrationSummary(saved_);
        QCOMPARE(s.sites.size(), std::size_t(20));
        QCOMPARE(s.at(3, Site::down_in).width, std::int64_t(172));
        QCOMPARE(s.at(3, Site::down_in).eigenvalues.size(), Eigen::Index(172));
        QCOMPARE(s.at(3, Site::down_in).trace, cal_->summary().at(3, Site::down_in).trace);
    }

    void resaveAndLazyReadsFromThreads() {
        // An opened store is itself a Calibration: save it again, read Grams from four threads.
        const auto opened = openCalibration(saved_);
        const std::string again = fresh("again.h5");
        saveCalibration(again, *opened);
        const auto back = openCalibration(again);
        std::vector<int> mismatches(4, 0);
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&, t] {
                for (int rep = 0; rep < 5; ++rep)
                    for (int l = 0; l < 5; ++l)
                        for (Site s : kSites)
                            if (!at::equal(back->gram(l, s), cal_->gram(l, s))) ++mismatches[std::size_t(t)];
            });
        for (auto& th : threads) th.join();
        QCOMPARE(mismatches, std::vector<int>(4, 0));
    }

    void identityMismatch() {
        const auto other = LlamaModel::open(shardedModel());
        const ModelIdentity id = modelIdentity(other->dir(), other->config(), other->checkpoint());
        expectError([&] { openCalibration(saved_, &id); }, "belongs to another model", QString::fromStdString(saved_));
    }

    void brokenFiles() {
        expectError([&] { openCalibration(fresh("missing.h5")); }, "does not exist", "missing.h5");

        const std::string garbage = fresh("garbage.h5");
        std::ofstream(garbage) << "this is not an HDF5 file at all, just text";
        expectError([&] { openCalibration(garbage); }, "not an HDF5 file", "garbage.h5");

        const std::string truncated = fresh("truncated.h5");
        std::filesystem::copy_file(saved_, truncated);
        std::filesystem::resize_file(truncated, std::filesystem::file_size(saved_) / 2);
        expectError([&] { openCalibration(truncated); }, "truncated.h5", "truncated");
        expectError([&] { readCalibrationSummary(truncated); }, "truncated.h5", "truncated");

        const std::string next = fresh("version-next.h5");
        std::filesystem::copy_file(saved_, next);
        setFormatVersion(next, kCalibrationFormatVersion + 1);
        expectError([&] { openCalibration(next); }, QString("format_version %1").arg(kCalibrationFormatVersion + 1),
                    "version-next.h5");
        const std::string v0 = fresh("version0.h5");
        std::filesystem::copy_file(saved_, v0);
        setFormatVersion(v0, 0);
        expectError([&] { openCalibration(v0); }, "format_version 0", "version0.h5");

        const std::string none = fresh("noversion.h5");
        std::filesystem::copy_file(saved_, none);
        setFormatVersion(none, -1);
        expectError([&] { readCalibrationSummary(none); }, "no format_version", "noversion.h5");
    }

    void sitesWithoutSpectrum() {
        // Version 2: a site calibrated without its full spectrum has no eigenvalues dataset and
        // reads back with empty eigenvalues and its lambda_max.
        CalibrationOptions o;
        o.text_path = textPath("tinystories_sample.txt");
        o.windows = 2;
        o.seq_len = 32;
        o.spectrum_max_width = 100;  // the demo's 64-wide sites get spectra, the 172-wide down_in not
        const auto cal = calibrate(*model_, o);
        const std::string path = fresh("nospectrum.h5");
        saveCalibration(path, *cal);
        {
            H5::H5File f(path, H5F_ACC_RDONLY);
            QVERIFY(!f.openGroup("layers/0/down_in").nameExists("eigenvalues"));
            QVERIFY(f.openGroup("layers/0/attn_in").nameExists("eigenvalues"));
        }
        const CalibrationSummary s = readCalibrationSummary(path);
        for (const SiteStatistics& st : s.sites) {
            const SiteStatistics& want = cal->summary().at(st.layer, st.site);
            QCOMPARE(st.eigenvalues.size(), st.site == Site::down_in ? Eigen::Index(0) : st.width);
            QVERIFY(sameVector(st.eigenvalues, want.eigenvalues));
            QCOMPARE(st.max_eig, want.max_eig);
            QVERIFY(st.max_eig > 0);
        }
        // Version 1 always had the spectrum: a version-1 file without one is damaged.
        const std::string v1 = fresh("nospectrum-v1.h5");
        std::filesystem::copy_file(path, v1);
        setFormatVersion(v1, 1);
        expectError([&] { readCalibrationSummary(v1); }, "nospectrum-v1.h5", "down_in");
    }

    void readsVersion1() {
        // A version-1 store (every site with its spectrum) reads as before.
        const std::string v1 = fresh("version1-spectra.h5");
        std::filesystem::copy_file(saved_, v1);
        setFormatVersion(v1, 1);
        const auto c = openCalibration(v1);
        const CalibrationSummary& s = c->summary();
        QCOMPARE(s.sites.size(), cal_->summary().sites.size());
        for (const SiteStatistics& st : s.sites) {
            QVERIFY(sameVector(st.eigenvalues, cal_->summary().at(st.layer, st.site).eigenvalues));
            QCOMPARE(st.eigenvalues.size(), st.width);
        }
        QVERIFY(at::equal(c->gram(2, Site::mlp_in), cal_->gram(2, Site::mlp_in)));
    }

    void cancelledSaveLeavesNoFile_data() {
        QTest::addColumn<int>("cancel_at");
        QTest::newRow("first callback") << 1;
        QTest::newRow("after 3 sites") << 4;
        QTest::newRow("during the Fisher diagonals") << 25;
    }
    void cancelledSaveLeavesNoFile() {
        QFETCH(int, cancel_at);
        QTemporaryDir dir;
        int calls = 0;
        const std::string target = QDir(dir.path()).filePath("c.h5").toStdString();
        QVERIFY_THROWS_EXCEPTION(Cancelled,
                                 saveCalibration(target, *cal_, [&](const Progress&) { return ++calls < cancel_at; }));
        QCOMPARE(calls, cancel_at);
        QCOMPARE(entries(dir), std::size_t(0));
    }

    void cancelledCalibrationToFileLeavesNoFile() {
        // The CLI's way: calibrate straight into a CalibrationWriter, cancelled mid-run.
        QTemporaryDir dir;
        CalibrationOptions o;
        o.text_path = textPath("tinystories_sample.txt");
        o.windows = 4;
        o.seq_len = 32;
        o.micro_batch = 2;
        for (int cancel_at : {1, 7, 12}) {
            int calls = 0;
            {
                CalibrationWriter writer(QDir(dir.path()).filePath("c.h5").toStdString());
                QVERIFY_THROWS_EXCEPTION(
                    Cancelled, calibrateInto(*model_, o, writer, [&](const Progress&) { return ++calls < cancel_at; }));
            }
            QCOMPARE(calls, cancel_at);
            QCOMPARE(entries(dir), std::size_t(0));
        }
        // Uncancelled, the same writes one complete file and nothing else.
        CalibrationWriter writer(QDir(dir.path()).filePath("c.h5").toStdString());
        const CalibrationSummary s = calibrateInto(*model_, o, writer);
        writer.commit(s);
        QCOMPARE(entries(dir), std::size_t(1));
        QCOMPARE(readCalibrationSummary(QDir(dir.path()).filePath("c.h5").toStdString()).tokens, std::int64_t(128));
    }

    void incompleteWriterRefusesToCommit() {
        QTemporaryDir dir;
        CalibrationWriter writer(QDir(dir.path()).filePath("x.h5").toStdString());
        const SiteStatistics& s = cal_->summary().sites[0];
        writer.site(s, cal_->gram(s.layer, s.site));
        expectError([&] { writer.commit(cal_->summary()); }, "was not written", "x.h5");
    }

    void unwritableTarget() {
        expectError([&] { saveCalibration("/nonexistent-folder/c.h5", *cal_); }, "/nonexistent-folder/c.h5", "");
    }
};

QTEST_GUILESS_MAIN(TestCalibStore)
#include "test_calib_store.moc"
