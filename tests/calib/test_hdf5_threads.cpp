// Every HDF5 use behind one lock (base/hdf5_lock.h): sessions are saved and opened (with the
// calibration embedded every other time) on one thread while another reads Grams lazily from an
// open store and writes new stores, hundreds of times. No crash, and every result identical to what
// was written.
#include "api/plan_compare.h"
#include "api/session_file.h"
#include "base/error.h"
#include "calib/store.h"
#include "synthetic_calibration.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <thread>

using namespace basislab;
using namespace basislab::api;

namespace {

SessionData sessionSample(int i, const std::string& calib) {
    SessionData d;
    d.model_dir = "/models/llama-" + std::to_string(i);
    d.compute.threads = i % 7;
    d.calibration_source = i % 2 ? CalibrationSource::Embedded : CalibrationSource::Link;
    d.calibration_path = calib;
    d.calibration_identity = std::string(64, char('a' + i % 26));
    d.plan.method = Method::basis_sharing;
    d.plan.ratio = 0.01 * (i % 90);
    d.plan.group_size = {2, 2, 2, 1, 2, 2, 1};
    d.plan.alpha = AlphaForm::parse("inv-trace");
    d.plan.refit = i % 3 == 0;
    RunRecord r;
    r.plan = d.plan;
    r.ppl = 10.0 + i;
    r.params = 1000 + i;
    r.finished_at = "2026-12-01T15:00:00Z";
    d.runs.assign(std::size_t(1 + i % 4), r);
    d.view["step"] = std::to_string(i % 4);
    return d;
}

bool sameSession(const SessionData& a, const SessionData& b) {
    if (a.model_dir != b.model_dir || a.compute.threads != b.compute.threads ||
        a.calibration_source != b.calibration_source || a.calibration_path != b.calibration_path ||
        a.calibration_identity != b.calibration_identity || !samePlan(a.plan, b.plan) ||
        a.runs.size() != b.runs.size() || a.view != b.view)
        return false;
    for (std::size_t i = 0; i < a.runs.size(); ++i)
        if (a.runs[i].ppl != b.runs[i].ppl || a.runs[i].params != b.runs[i].params ||
            !samePlan(a.runs[i].plan, b.runs[i].plan))
            return false;
    return true;
}

}  // namespace

class TestHdf5Threads : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sessionsAndStoresOnTwoThreads() {
        QTemporaryDir dir;
        const std::string source = dir.filePath(QStringLiteral("source.h5")).toStdString();
        const auto reference = test::syntheticCalibration(2, 12, 3, 8, 7);
        saveCalibration(source, *reference);
        const std::shared_ptr<Calibration> lazy = openCalibration(source);

        constexpr int kSessions = 300, kStores = 150;
        std::atomic<int> failures{0};
        std::string first_failure;
        std::mutex failure_mutex;
        const auto fail = [&](const std::string& what) {
            std::lock_guard<std::mutex> lock(failure_mutex);
            if (failures++ == 0) first_failure = what;
        };
        const auto start = std::chrono::steady_clock::now();

        std::thread sessions([&] {
            try {
                for (int i = 0; i < kSessions; ++i) {
                    const std::string path = dir.filePath(QStringLiteral("s%1.blsession").arg(i % 5)).toStdString();
                    const SessionData in = sessionSample(i, source);
                    writeSession(path, in);
                    std::vector<std::string> warnings;
                    if (!sameSession(readSession(path, &warnings), in) || !warnings.empty())
                        fail("session " + std::to_string(i) + " read back differently");
                    if (in.calibration_source == CalibrationSource::Embedded && i % 10 == 1) {
                        const std::string extracted = dir.filePath(QStringLiteral("extracted.h5")).toStdString();
                        extractEmbeddedCalibration(path, extracted);
                        if (!test::sameCalibration(*openCalibration(extracted), *reference))
                            fail("the calibration embedded in session " + std::to_string(i) + " differs");
                    }
                }
            } catch (const std::exception& e) {
                fail(std::string("session thread: ") + e.what());
            }
        });
        std::thread stores([&] {
            try {
                for (int i = 0; i < kStores; ++i) {
                    for (const SiteStatistics& s : reference->summary().sites)
                        if (!at::equal(lazy->gram(s.layer, s.site), reference->gram(s.layer, s.site)))
                            fail("a lazily read Gram differs (round " + std::to_string(i) + ")");
                    const std::string path = dir.filePath(QStringLiteral("c%1.h5").arg(i % 3)).toStdString();
                    saveCalibration(path, *reference);
                    if (i % 5 == 0 && !test::sameCalibration(*openCalibration(path), *reference))
                        fail("store " + std::to_string(i) + " read back differently");
                    (void)readCalibrationSummary(path);
                }
            } catch (const std::exception& e) {
                fail(std::string("store thread: ") + e.what());
            }
        });
        sessions.join();
        stores.join();
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        qInfo("%d sessions and %d stores on two threads in %.2f s", kSessions, kStores, seconds);
        QVERIFY2(failures == 0, first_failure.c_str());
    }
};

QTEST_GUILESS_MAIN(TestHdf5Threads)
#include "test_hdf5_threads.moc"
