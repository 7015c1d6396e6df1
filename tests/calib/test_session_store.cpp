// The workbench's file-backed calibration (api::ModelSession::calibrate): it calibrates into a
// store on disk and reads the Grams from it, with results identical to the in-memory calibrator;
// a temporary store lives in the cache folder until the session lets go of it or the user keeps
// it (a rename, or an atomic copy across file systems); stores of dead processes are removed by
// the next calibration; a store that does not fit the disk is refused up front; the session does
// not hold the Grams (process RSS on a model whose Grams are 260 MB); the up-front estimates.
#include "api/job_estimate.h"
#include "api/model_session.h"
#include "api/process_memory.h"
#include "base/disk_space.h"
#include "base/error.h"
#include "base/file_move.h"
#include "calib/calibrator.h"
#include "calib/site_statistics.h"
#include "calib/store.h"
#include "calib/store_files.h"
#include "test_helpers.h"
#include "test_paths.h"

#include <QProcess>
#include <QtTest>

#include <malloc.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace basislab;
using namespace basislab::test;
namespace fs = std::filesystem;

namespace {

api::CalibrationRequest demoRequest() {
    api::CalibrationRequest r;
    r.text_path = textPath("tinystories_sample.txt");
    r.windows = 6;
    r.seq_len = 64;
    r.seed = 3;
    return r;
}

CalibrationOptions optionsOf(const api::CalibrationRequest& r) {
    CalibrationOptions o;
    o.text_path = r.text_path;
    o.windows = r.windows;
    o.seq_len = r.seq_len;
    o.shuffle_seed = r.seed;
    o.fisher = r.fisher;
    return o;
}

std::vector<std::string> filesIn(const std::string& folder) {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(folder, ec)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

/// A pid that surely ran and ended (a child that exited and was reaped).
long deadPid() {
    const pid_t pid = ::fork();
    if (pid == 0) ::_exit(0);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return long(pid);
}

void touch(const std::string& path) {
    std::ofstream(path) << "left by a killed calibration";
}

std::int64_t trimmedRss() {
    ::malloc_trim(0);
    return api::residentSetBytes();
}

}  // namespace

class TestSessionStore : public QObject {
    Q_OBJECT
    std::unique_ptr<TempDir> dir_;
    std::unique_ptr<api::ModelSession> session_;

    api::ModelSession& session() {
        if (!session_) {
            session_ = api::ModelSession::open(storiesModel(), ComputeOptions{});
            session_->setCacheFolder(dir_->file("cache"));
        }
        return *session_;
    }

private Q_SLOTS:
    void init() { dir_ = std::make_unique<TempDir>(); }
    void cleanup() {
        session_.reset();
        setFreeDiskProbe({});
        setMoveRenameAllowed(true);
        dir_.reset();
    }

    void storeBackedCalibrationIsTheInMemoryOne() {
        const api::CalibrationRequest request = demoRequest();
        const auto summary = session().calibrate(request, {});
        const std::string store = session().calibrationStorePath();
        QVERIFY(session().calibrationIsTemporary());
        QVERIFY(isTemporaryStorePath(store));
        QCOMPARE(fs::path(store).parent_path().string(), dir_->file("cache"));
        QVERIFY(fs::is_regular_file(store));
        QCOMPARE(session().calibrationStoreBytes(), std::uint64_t(fs::file_size(store)));

        // The in-memory calibrator on the same model: identical Grams and statistics, bit for bit.
        const auto model = LlamaModel::open(storiesModel());
        const auto memory = basislab::calibrate(*model, optionsOf(request));
        const auto stored = openCalibration(store);
        QCOMPARE(summary->sites.size(), memory->summary().sites.size());
        for (std::size_t i = 0; i < summary->sites.size(); ++i) {
            const SiteStatistics& a = summary->sites[i];
            const SiteStatistics& b = memory->summary().sites[i];
            QCOMPARE(a.trace, b.trace);
            QCOMPARE(a.max_eig, b.max_eig);
            QVERIFY((a.eigenvalues.array() == b.eigenvalues.array()).all());
            QVERIFY((a.mean_abs.array() == b.mean_abs.array()).all());
            QVERIFY(at::equal(stored->gram(a.layer, a.site), memory->gram(b.layer, b.site)));
        }
        QCOMPARE(summary->settings.window_indices, memory->summary().settings.window_indices);

        // Previews and compressions read the store: the same errors as from the Grams in memory.
        CompressionPlan plan;
        plan.ratio = 0.3;
        const api::PlanPreview preview = session().preview(plan, {});
        QVERIFY(!preview.plan.layers.empty());
        QVERIFY(std::isfinite(preview.plan.layers.front().whitened_error));
    }

    void temporaryStoreGoesWithTheSession() {
        session().calibrate(demoRequest(), {});
        const std::string first = session().calibrationStorePath();
        QVERIFY(fs::exists(first));
        session().calibrate(demoRequest(), {});  // replaced: the first store is removed
        const std::string second = session().calibrationStorePath();
        QVERIFY(first != second);
        QVERIFY(!fs::exists(first));
        QVERIFY(fs::exists(second));
        session_.reset();  // closed: removed too
        QVERIFY(!fs::exists(second));
        QCOMPARE(filesIn(dir_->file("cache")), std::vector<std::string>{});
    }

    void savingKeepsTheStoreByMovingIt_data() {
        QTest::addColumn<bool>("rename");
        QTest::newRow("rename") << true;
        QTest::newRow("copy across file systems") << false;
    }
    void savingKeepsTheStoreByMovingIt() {
        QFETCH(bool, rename);
        setMoveRenameAllowed(rename);
        session().calibrate(demoRequest(), {});
        const std::string temporary = session().calibrationStorePath();
        const at::Tensor before = openCalibration(temporary)->gram(1, Site::down_in);
        const std::string kept = dir_->file("kept.h5");
        std::int64_t moved = -1;
        session().saveCalibration(kept, [&](const Progress& p) {
            if (p.stage == "move") moved = p.done;
            return true;
        });
        QVERIFY(!fs::exists(temporary));
        QVERIFY(fs::exists(kept));
        QCOMPARE(session().calibrationStorePath(), kept);
        QVERIFY(!session().calibrationIsTemporary());
        QCOMPARE(moved >= 0, !rename);  // only a copy reports progress
        QVERIFY(at::equal(openCalibration(kept)->gram(1, Site::down_in), before));
        // The session reads from the kept store; saving again writes a copy, the kept one stays.
        const std::string copy = dir_->file("copy.h5");
        session().saveCalibration(copy, {});
        QVERIFY(fs::exists(kept));
        QVERIFY(at::equal(openCalibration(copy)->gram(1, Site::down_in), before));
        session_.reset();
        QVERIFY(fs::exists(kept));
        QCOMPARE(filesIn(dir_->file("cache")), std::vector<std::string>{});
    }

    void cancelledCopyLeavesTheTemporaryStore() {
        setMoveRenameAllowed(false);
        session().calibrate(demoRequest(), {});
        const std::string temporary = session().calibrationStorePath();
        QVERIFY_THROWS_EXCEPTION(
            Cancelled, session().saveCalibration(dir_->file("kept.h5"), [](const Progress&) { return false; }));
        QVERIFY(fs::exists(temporary));
        QVERIFY(session().calibrationIsTemporary());
        QCOMPARE(filesIn(dir_->path()), (std::vector<std::string>{"cache"}));
    }

    void storeOfTheUsersChoice() {
        api::CalibrationRequest request = demoRequest();
        request.store_path = dir_->file("mine.h5");
        session().calibrate(request, {});
        QCOMPARE(session().calibrationStorePath(), request.store_path);
        QVERIFY(!session().calibrationIsTemporary());
        session_.reset();
        QVERIFY(fs::exists(request.store_path));
        QCOMPARE(readCalibrationSummary(request.store_path).settings.windows, request.windows);
    }

    void deadProcessesStoresAreRemovedByTheNextCalibration() {
        const std::string cache = dir_->file("cache");
        fs::create_directories(cache);
        const long dead = deadPid();
        const std::string own = "calibration-" + std::to_string(::getpid()) + "-abc.h5";
        const std::string other = "calibration-1-abc.h5";  // init: alive, never ours to judge
        for (const std::string& name :
             {"calibration-" + std::to_string(dead) + "-0f.h5",
              "calibration-" + std::to_string(dead) + "-0f.h5.tmp-" + std::to_string(dead) + "-12ab",
              "any.h5.tmp-" + std::to_string(dead) + "-99", own, other, std::string("notes.txt")})
            touch(cache + "/" + name);
        // In the folder of a store of the user's choice too.
        touch(dir_->file("mine.h5.tmp-" + std::to_string(dead) + "-1f"));
        api::CalibrationRequest request = demoRequest();
        request.store_path = dir_->file("mine.h5");
        session().calibrate(request, {});
        QCOMPARE(filesIn(cache), (std::vector<std::string>{other, own, "notes.txt"}));
        QCOMPARE(filesIn(dir_->path()), (std::vector<std::string>{"cache", "mine.h5"}));
    }

    void aStoreThatDoesNotFitIsRefusedUpFront() {
        const std::string cache = dir_->file("cache");
        std::string asked;
        setFreeDiskProbe([&](const std::string& folder) {
            asked = folder;
            return std::uint64_t(1000);
        });
        bool started = false;
        const QString error = errorOf([&] {
            session().calibrate(demoRequest(), [&](const Progress&) {
                started = true;
                return true;
            });
        });
        qInfo("%s", qPrintable(error));
        QCOMPARE(asked, cache);
        QVERIFY(!started);
        QVERIFY2(error.contains(QStringLiteral("not enough disk space in '%1'").arg(QString::fromStdString(cache))),
                 qPrintable(error));
        const std::uint64_t needed = api::calibrationStoreBytes(session().info().config, false, 6);
        QVERIFY2(error.contains(QString::number(needed) + QStringLiteral(" bytes")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("(1000 bytes) are free")), qPrintable(error));
        QVERIFY(!session().hasCalibration());
        QCOMPARE(filesIn(cache), std::vector<std::string>{});
        // The same check for a store of the user's choice names its folder.
        setFreeDiskProbe([](const std::string&) { return std::uint64_t(0); });
        api::CalibrationRequest request = demoRequest();
        request.store_path = dir_->file("mine.h5");
        QVERIFY(errorOf([&] {
                    session().calibrate(request, {});
                }).contains(QStringLiteral("not enough disk space in '%1'").arg(QString::fromStdString(dir_->path()))));
        // A folder that does not exist is named too.
        setFreeDiskProbe({});
        request.store_path = dir_->file("missing/mine.h5");
        QVERIFY(errorOf([&] { session().calibrate(request, {}); }).contains(QStringLiteral("does not exist")));
    }

    void estimatesMatchTheStore() {
        QCOMPARE(api::kEstimateSpectrumMaxWidth, kDefaultSpectrumMaxWidth);
        const api::CalibrationRequest request = demoRequest();
        session().calibrate(request, {});
        const double actual = double(session().calibrationStoreBytes());
        const api::JobEstimate e = api::estimateCalibration(session().info(), request, ComputeOptions{});
        qInfo("demo store: estimated %llu bytes, written %.0f", (unsigned long long)e.disk_bytes, actual);
        QVERIFY(double(e.disk_bytes) >= 0.8 * actual && double(e.disk_bytes) <= 1.5 * actual);
        QCOMPARE(e.device_bytes, std::uint64_t(0));  // CPU
        QVERIFY(e.weights_bytes > 0 && e.working_bytes > 0);
        // The formula at Llama2-7B: 44 GB of Grams and vectors (docs/calibration.md).
        LlamaConfig c;
        c.hidden_size = 4096;
        c.intermediate_size = 11008;
        c.num_hidden_layers = 32;
        c.num_attention_heads = 32;
        c.num_key_value_heads = 32;
        c.head_dim = 128;
        const double gb = double(api::calibrationStoreBytes(c, false, 256)) / 1e9;
        QVERIFY2(gb > 43.8 && gb < 44.1, qPrintable(QString::number(gb)));
    }

    void theSessionDoesNotHoldTheGrams() {
        // A random model whose Grams are 260 MB (four layers of a 2816-wide MLP): the in-memory
        // path would hold all of them; the store-backed session holds none after calibrating.
        const std::string model = dir_->file("wide");
        QProcess make;
        make.start(QStringLiteral(BASISLAB_MAKE_RANDOM_LLAMA),
                   {"--out", QString::fromStdString(model), "--hidden", "256", "--intermediate", "2816", "--layers",
                    "4", "--heads", "4", "--tokenizer-from", QString::fromStdString(storiesModel())});
        QVERIFY(make.waitForFinished(120000));
        QCOMPARE(make.exitCode(), 0);
        auto s = api::ModelSession::open(model, ComputeOptions{});
        s->setCacheFolder(dir_->file("cache"));
        api::CalibrationRequest request = demoRequest();
        request.windows = 4;
        // A first calibration loads what stays loaded (BLAS buffers, HDF5, the tokenizer's text);
        // the second, which replaces it, must then leave the resident set where it was.
        s->calibrate(request, {});
        const std::int64_t before = trimmedRss();
        s->calibrate(request, {});
        const std::int64_t after = trimmedRss();
        double grams = 0;
        for (int l = 0; l < 4; ++l) grams += (3.0 * 256 * 256 + 2816.0 * 2816) * 8;
        qInfo("Grams %.1f MB; RSS %.1f MB before the second calibration, %.1f MB after (store %.1f MB)", grams / 1e6,
              double(before) / 1e6, double(after) / 1e6, double(s->calibrationStoreBytes()) / 1e6);
        QVERIFY(double(s->calibrationStoreBytes()) > grams);
        QVERIFY2(double(after - before) < 0.25 * grams, "the session holds the Grams");
        // The same measurement sees the Grams when they are held (the in-memory calibrator).
        const auto wide = LlamaModel::open(model);
        const std::int64_t held_before = trimmedRss();
        const auto held = basislab::calibrate(*wide, optionsOf(request));
        const std::int64_t held_after = trimmedRss();
        qInfo("in memory: RSS %.1f MB before, %.1f MB after", double(held_before) / 1e6, double(held_after) / 1e6);
        QVERIFY(double(held_after - held_before) > 0.75 * grams);
    }
};

QTEST_GUILESS_MAIN(TestSessionStore)
#include "test_session_store.moc"
