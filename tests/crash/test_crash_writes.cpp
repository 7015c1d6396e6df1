// Writes that survive kill -9: a child process (crash_writer) rewrites a calibration store, a
// session or a compressed export over and over, alternating two known versions, and is killed with
// SIGKILL at a random moment. The target must then be complete and equal to one of the two
// versions; for exports the fallback without renameat2(RENAME_EXCHANGE) is checked too, where the
// next write recovers a target that the kill left moved aside. The temporaries the killed process
// left are removed by the next process's first write to the same target. The workbench's
// calibration killed mid-way leaves its temporary store in the cache folder; the next calibration
// removes it.
#include "api/model_session.h"
#include "api/session_file.h"
#include "base/atomic_file.h"
#include "base/atomic_folder.h"
#include "base/error.h"
#include "calib/store.h"
#include "calib/store_files.h"
#include "compress/export.h"
#include "compress/factored_model.h"
#include "compress_helpers.h"
#include "crash_versions.h"
#include "synthetic_calibration.h"
#include "test_paths.h"

#include <nlohmann/json.hpp>

#include <QProcess>
#include <QTest>

#include <signal.h>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

using namespace basislab;
namespace fs = std::filesystem;

namespace {

struct Tally {
    int kills = 0;
    int commits_before_kill = 0;  // commits after the first, summed
    int temporaries_left = 0;  // by killed processes, all removed by the next write
    int recovered = 0;  // fallback: targets the next write put back
};

class Victim {
public:
    Victim(const QString& mode, const std::string& dir, bool no_exchange = false) {
        QStringList args{mode, QString::fromStdString(dir)};
        if (no_exchange) args << QStringLiteral("--no-exchange");
        process_.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process_.start(QStringLiteral(BASISLAB_CRASH_WRITER), args);
    }
    /// Waits for the first commit.
    bool ready() {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (std::chrono::steady_clock::now() < deadline) {
            if (process_.canReadLine()) return process_.readLine().trimmed() == "ready";
            if (!process_.waitForReadyRead(1000) && process_.state() != QProcess::Running) return false;
        }
        return false;
    }
    /// SIGKILL; returns the commits counted after the first.
    int kill() {
        ::kill(pid_t(process_.processId()), SIGKILL);
        process_.waitForFinished(10000);
        return int(process_.readAllStandardOutput().count('\n'));
    }

private:
    QProcess process_;
};

std::vector<std::string> existing(const std::vector<TemporarySibling>& temporaries) {
    std::vector<std::string> out;
    for (const TemporarySibling& t : temporaries)
        if (fs::exists(fs::symlink_status(t.path))) out.push_back(t.path);
    return out;
}

/// Runs `rounds` victims on `target`, each killed `delay` into its writes, and checks `intact` after
/// each kill (after `recover` when given).
void killRepeatedly(const QString& mode, const std::string& dir, const std::string& target, int rounds,
                    int max_delay_ms, const std::function<bool()>& intact, Tally& tally, bool no_exchange = false) {
    std::mt19937 random(12345);
    std::vector<TemporarySibling> left;
    for (int r = 0; r < rounds; ++r) {
        Victim victim(mode, dir, no_exchange);
        QVERIFY2(victim.ready(), qPrintable(mode + QStringLiteral(": the writer did not start")));
        // Its first write removed what the previous (killed) writer left.
        const std::vector<std::string> still = existing(left);
        QVERIFY2(still.empty(), still.empty() ? "" : ("a dead writer's temporary survived: " + still[0]).c_str());
        std::this_thread::sleep_for(
            std::chrono::milliseconds(std::uniform_int_distribution<int>(0, max_delay_ms)(random)));
        tally.commits_before_kill += victim.kill();
        ++tally.kills;
        left = deadTemporaries(target);
        tally.temporaries_left += int(left.size());
        if (no_exchange && !fs::exists(target)) {
            AtomicFolder next(target, true);  // the next write recovers the moved-aside target
            ++tally.recovered;
            left = deadTemporaries(target);
        }
        QVERIFY2(intact(), qPrintable(mode + QStringLiteral(": the target is damaged after kill %1").arg(r)));
    }
}

}  // namespace

class TestCrashWrites : public QObject {
    Q_OBJECT
    test::TempDir dir_;

private Q_SLOTS:
    void killedWorkbenchCalibration() {
        const std::string cache = dir_.file("workbench-cache");
        const QString model = QString::fromStdString(test::storiesModel());
        const QString text = QString::fromStdString(test::textPath("TinyStories-valid.txt"));
        std::vector<std::string> left;
        for (int round = 0; round < 2; ++round) {
            QProcess victim;
            victim.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            victim.start(QStringLiteral(BASISLAB_CRASH_WRITER),
                         {QStringLiteral("workbench"), QString::fromStdString(cache), model, text});
            QVERIFY(victim.waitForReadyRead(60000));
            QCOMPARE(victim.readLine().trimmed(), QByteArray("ready"));
            for (const std::string& f : left)  // the previous victim's: removed by this one's calibration
                QVERIFY2(!fs::exists(f), qPrintable(QString::fromStdString("survived: " + f)));
            std::this_thread::sleep_for(std::chrono::milliseconds(100 + 300 * round));
            const std::string prefix = "calibration-" + std::to_string(victim.processId()) + "-";
            ::kill(pid_t(victim.processId()), SIGKILL);
            QVERIFY(victim.waitForFinished(10000));
            left.clear();
            for (const auto& e : fs::directory_iterator(cache))
                if (e.path().filename().string().rfind(prefix, 0) == 0) left.push_back(e.path().string());
            qInfo("killed calibration %d left %zu file(s), e.g. %s", round, left.size(),
                  left.empty() ? "-" : fs::path(left[0]).filename().c_str());
            QVERIFY2(!left.empty(), "the killed calibration left no temporary store (nothing to test)");
        }
        // The next calibration in this process removes what the killed ones left.
        auto session = api::ModelSession::open(test::storiesModel(), ComputeOptions{});
        session->setCacheFolder(cache);
        api::CalibrationRequest request;
        request.text_path = test::textPath("tinystories_sample.txt");
        request.windows = 2;
        request.seq_len = 32;
        session->calibrate(request, {});
        std::vector<std::string> now;
        for (const auto& e : fs::directory_iterator(cache)) now.push_back(e.path().string());
        QCOMPARE(now, std::vector<std::string>{session->calibrationStorePath()});
        session.reset();
        QVERIFY(fs::is_empty(cache));
    }

    void calibrationStore() {
        const std::string target = dir_.path() + "/calib.h5";
        const auto a = crash::storeVersion(0), b = crash::storeVersion(1);
        Tally t;
        killRepeatedly(
            QStringLiteral("store"), dir_.path(), target, 6, 150,
            [&] {
                try {
                    const auto c = openCalibration(target);
                    return test::sameCalibration(*c, *a) || test::sameCalibration(*c, *b);
                } catch (const Error& e) {
                    qWarning("%s", e.what());
                    return false;
                }
            },
            t);
        qInfo("store: %d kills, %d further commits before them, %d temporaries left (all removed by the next write)",
              t.kills, t.commits_before_kill, t.temporaries_left);
    }

    void session() {
        const std::string calib = dir_.path() + "/calib.h5";
        saveCalibration(calib, *crash::storeVersion(0));
        const std::string target = dir_.path() + "/s.blsession";
        const std::string extracted = dir_.path() + "/extracted.h5";
        const auto a = crash::storeVersion(0);
        Tally t;
        killRepeatedly(
            QStringLiteral("session"), dir_.path(), target, 6, 100,
            [&] {
                try {
                    std::vector<std::string> warnings;
                    const api::SessionData s = api::readSession(target, &warnings);
                    const int v = s.view.count("version") ? std::stoi(s.view.at("version")) : -1;
                    const api::SessionData want = crash::sessionVersion(v, calib);
                    if ((v != 0 && v != 1) || !warnings.empty() || s.model_dir != want.model_dir ||
                        s.runs.size() != want.runs.size())
                        return false;
                    api::extractEmbeddedCalibration(target, extracted);
                    return test::sameCalibration(*openCalibration(extracted), *a);
                } catch (const Error& e) {
                    qWarning("%s", e.what());
                    return false;
                }
            },
            t);
        qInfo("session: %d kills, %d further commits before them, %d temporaries left (all removed by the next write)",
              t.kills, t.commits_before_kill, t.temporaries_left);
    }

    void compressedExport() {
        const std::string model_dir = dir_.path() + "/model";
        test::writeTinyLlama(model_dir, 5);
        const auto model = LlamaModel::open(model_dir);
        const at::Tensor ids = at::randint(0, 64, {4, 16}, at::TensorOptions().dtype(at::kLong));
        saveCalibration(dir_.path() + "/model-calib.h5", *test::calibrateInTest(*model, ids));
        const std::string target = dir_.path() + "/out";
        const auto intact = [&] {
            try {
                std::ifstream in(target + "/" + kCompressionFile);
                const double ratio = nlohmann::json::parse(in).at("report").at("ratio").get<double>();
                const auto opened = openModelFolder(target);
                return (ratio == 0.3 || ratio == 0.6) && opened->hasFactoredProjections();
            } catch (const std::exception& e) {
                qWarning("%s", e.what());
                return false;
            }
        };
        Tally exchange, fallback;
        killRepeatedly(QStringLiteral("export"), dir_.path(), target, 4, 150, intact, exchange);
        killRepeatedly(QStringLiteral("export"), dir_.path(), target, 4, 150, intact, fallback, true);
        qInfo("export (renameat2 exchange): %d kills, %d further commits before them, %d temporaries left",
              exchange.kills, exchange.commits_before_kill, exchange.temporaries_left);
        qInfo("export (fallback: move aside): %d kills, %d further commits, %d temporaries left, %d targets recovered",
              fallback.kills, fallback.commits_before_kill, fallback.temporaries_left, fallback.recovered);
    }
};

QTEST_GUILESS_MAIN(TestCrashWrites)
#include "test_crash_writes.moc"
